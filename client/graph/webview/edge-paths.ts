import { describeCycle } from '../../../core/graph/find-cycles.js';
import type { GraphEdge } from '../../../protocol/graph-messages.js';
import type { Point } from '../layout/layout-types.js';

const SVG = 'http://www.w3.org/2000/svg';

/** The SVG `d` of a route: straight where ELK routed at right angles, a smooth S-curve between layers otherwise. */
export function pathData(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${first.x},${first.y}`;
  let previous = first;
  for (const point of rest) {
    const dx = point.x - previous.x;
    if (Math.abs(dx) > 1 && Math.abs(point.y - previous.y) > 1) {
      const middle = previous.x + dx / 2;
      d += ` C${middle},${previous.y} ${middle},${point.y} ${point.x},${point.y}`;
    } else d += ` L${point.x},${point.y}`;
    previous = point;
  }
  return d;
}

/**
 * The tooltip of an edge: what it means, and for a cycle the cycle's path in the words of its DW013 diagnostic
 * (which way its arrows point said, since they follow `depends_on`, against the drawn arrows' run order).
 */
export function edgeTitle(edge: GraphEdge): string {
  if (edge.kind === 'cycle')
    return `dependency cycle: ${describeCycle(edge.cycle ?? [edge.to, edge.from, edge.to])}`;
  if (edge.kind === 'missing') return `"${edge.to}" depends on "${edge.from}", which no step has as its id`;
  return `"${edge.to}" depends on "${edge.from}"`;
}

/** Draw every edge into `layer` (replacing what was there), each as `<g class="edge …">` with a tooltip. */
export function drawEdges(layer: SVGGElement, edges: readonly GraphEdge[], routes: readonly Point[][]): void {
  const groups = edges.map((edge, i) => {
    const group = document.createElementNS(SVG, 'g');
    group.setAttribute('class', `edge ${edge.kind}`);
    group.dataset.from = edge.from;
    group.dataset.to = edge.to;
    const d = pathData(routes[i] ?? []);
    // A wide transparent stroke under the line, so the tooltip is easy to hover.
    const hit = document.createElementNS(SVG, 'path');
    hit.setAttribute('class', 'hit');
    hit.setAttribute('d', d);
    const line = document.createElementNS(SVG, 'path');
    line.setAttribute('class', 'line');
    line.setAttribute('d', d);
    line.setAttribute('marker-end', `url(#arrow-${edge.kind === 'dependency' ? 'plain' : 'problem'})`);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = edgeTitle(edge);
    group.append(title, hit, line);
    return group;
  });
  layer.replaceChildren(...groups);
}

/** The `<svg>` that holds the edges, with its arrowheads. */
export function createEdgeLayer(): { svg: SVGSVGElement; layer: SVGGElement } {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'edges');
  const defs = document.createElementNS(SVG, 'defs');
  for (const kind of ['plain', 'problem']) {
    const marker = document.createElementNS(SVG, 'marker');
    marker.id = `arrow-${kind}`;
    for (const [name, value] of Object.entries({
      viewBox: '0 0 10 10',
      refX: '9',
      refY: '5',
      markerWidth: '7',
      markerHeight: '7',
      orient: 'auto-start-reverse',
    }))
      marker.setAttribute(name, value);
    const tip = document.createElementNS(SVG, 'path');
    tip.setAttribute('d', 'M0,0 L10,5 L0,10 z');
    tip.setAttribute('class', `arrow ${kind}`);
    marker.append(tip);
    defs.append(marker);
  }
  const layer = document.createElementNS(SVG, 'g');
  svg.append(defs, layer);
  return { svg, layer };
}
