import type { GraphModel } from '../../../protocol/graph-messages.js';
import { NODE_HEIGHT, NODE_WIDTH, type GraphLayout } from '../layout/layout-types.js';
import { pathData } from './edge-paths.js';

/**
 * A standalone SVG of the graph as shown: boxes, labels and edges in the colours the theme gives them now (read
 * from the drawn elements), so the file looks the same outside VS Code.
 */
export function exportSvg(
  model: GraphModel,
  layout: GraphLayout,
  elementOf: (id: string) => HTMLElement | undefined,
  edgeLines: readonly (SVGPathElement | undefined)[],
): string {
  const page = getComputedStyle(document.body);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${xml(page.fontFamily)}" font-size="12">`,
    `<rect width="100%" height="100%" fill="${xml(page.backgroundColor)}"/>`,
  ];
  model.edges.forEach((edge, i) => {
    const line = edgeLines[i];
    const stroke = line ? getComputedStyle(line).stroke : '#888';
    const dashed = edge.kind === 'dependency' ? '' : ' stroke-dasharray="5 3"';
    parts.push(
      `<path d="${pathData(layout.edges[i] ?? [], edge.kind === 'dependency')}" fill="none" stroke="${xml(stroke)}" stroke-width="1.5"${dashed}><title>${xml(`${edge.from} → ${edge.to}`)}</title></path>`,
    );
  });
  for (const node of model.nodes) {
    const at = layout.nodes[node.id];
    const element = elementOf(node.id);
    if (!at || !element) continue;
    const style = getComputedStyle(element);
    const meta = element.querySelector('.meta')?.textContent ?? node.id;
    const label = node.kind === 'missing' ? `? ${node.id}` : node.label;
    parts.push(
      `<g transform="translate(${at.x},${at.y})">`,
      `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="4" fill="${xml(style.backgroundColor)}" stroke="${xml(style.borderTopColor)}"/>`,
      `<rect width="4" height="${NODE_HEIGHT}" fill="${xml(style.borderLeftColor)}"/>`,
      `<text x="12" y="21" fill="${xml(style.color)}" font-weight="600">${xml(clip(label, 24))}</text>`,
      `<text x="12" y="39" fill="${xml(style.color)}" opacity="0.75">${xml(clip(meta, 30))}</text>`,
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
