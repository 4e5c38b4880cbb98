import type { GraphModel } from '../../../protocol/graph-messages.js';
import type { GraphLayout, Point } from '../layout/layout-types.js';
import type { GraphIndex } from './graph-index.js';

/**
 * Where an arrow key leads from node `id`: Right to a step depending on it, Left to one it depends on (the nearest
 * on screen), Up and Down to the neighbour in the same column, Home and End to the first and last step.
 */
export function nextNode(
  key: string,
  id: string,
  model: GraphModel,
  layout: GraphLayout,
  index: GraphIndex,
): string | undefined {
  const here = layout.nodes[id];
  if (!here) return undefined;
  switch (key) {
    case 'ArrowRight':
      return nearest(here, index.dependents(id), layout);
    case 'ArrowLeft':
      return nearest(here, index.dependencies(id), layout);
    case 'ArrowDown':
    case 'ArrowUp': {
      const sign = key === 'ArrowDown' ? 1 : -1;
      const column = model.nodes
        .map((node) => node.id)
        .filter((other) => {
          const at = layout.nodes[other];
          return other !== id && at !== undefined && at.x === here.x && (at.y - here.y) * sign > 0;
        });
      return nearest(here, column, layout);
    }
    case 'Home':
      return model.nodes[0]?.id;
    case 'End':
      return model.nodes[model.nodes.length - 1]?.id;
    default:
      return undefined;
  }
}

function nearest(from: Point, candidates: readonly string[], layout: GraphLayout): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of candidates) {
    const at = layout.nodes[id];
    if (!at) continue;
    const distance = Math.abs(at.y - from.y) * 4 + Math.abs(at.x - from.x);
    if (distance < bestDistance) {
      best = id;
      bestDistance = distance;
    }
  }
  return best;
}
