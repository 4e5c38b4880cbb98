import { describeCycle } from '../../../core/graph/find-cycles.js';
import type { GraphEdge } from '../../../protocol/graph-messages.js';
import type { Point } from '../layout/layout-types.js';
import { routeAt } from './edge-hits.js';
import { routeSegments } from './route-segments.js';

const SVG = 'http://www.w3.org/2000/svg';

/** The arrowhead drawn into a dependency's own path: its length and half width along the line's end. */
const ARROW_LENGTH = 8;
const ARROW_HALF_WIDTH = 4.5;

/**
 * The SVG `d` of a route (routeSegments: straight where ELK routed at right angles, a smooth S-curve between
 * layers otherwise); with `arrow`, an open arrowhead at its end in the same path (a `marker-end` on each of a
 * thousand edges cost a third of the first paint's painting).
 */
export function pathData(points: readonly Point[], arrow = false): string {
  const [first] = points;
  if (!first) return '';
  const segments = routeSegments(points);
  let d = `M${first.x},${first.y}`;
  let direction = { x: 1, y: 0 };
  for (const segment of segments) {
    const { from, to } = segment;
    if (segment.kind === 'curve') {
      const [one, two] = segment.controls;
      d += ` C${one.x},${one.y} ${two.x},${two.y} ${to.x},${to.y}`;
      // An S-curve arrives level.
      direction = { x: Math.sign(to.x - from.x), y: 0 };
    } else {
      d += ` L${to.x},${to.y}`;
      const length = Math.hypot(to.x - from.x, to.y - from.y);
      if (length > 0) direction = { x: (to.x - from.x) / length, y: (to.y - from.y) / length };
    }
  }
  const end = segments.at(-1)?.to;
  if (!arrow || !end) return d;
  const { x, y } = end;
  const back = { x: x - direction.x * ARROW_LENGTH, y: y - direction.y * ARROW_LENGTH };
  const side = { x: -direction.y * ARROW_HALF_WIDTH, y: direction.x * ARROW_HALF_WIDTH };
  const at = (p: Point): string => `${round(p.x)},${round(p.y)}`;
  return `${d} M${at({ x: back.x + side.x, y: back.y + side.y })} L${x},${y} L${at({ x: back.x - side.x, y: back.y - side.y })}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
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

/**
 * The `<svg>` of the edges: one `<path class="edge …">` per edge (data-from, data-to), with its arrowhead. The
 * tooltip of an edge is asked for when the pointer is near it (`edgeAt`), not kept in a `<title>` with a wide
 * hover path for each: the first paint of a 500-step graph spent most of its SVG time on those.
 */
export class EdgeLayer {
  readonly svg = document.createElementNS(SVG, 'svg');
  private readonly layer = document.createElementNS(SVG, 'g');
  private paths: SVGPathElement[] = [];
  private edges: readonly GraphEdge[] = [];
  private routes: readonly (readonly Point[])[] = [];
  private hovered: SVGPathElement | undefined;

  constructor() {
    this.svg.setAttribute('class', 'edges');
    this.svg.append(arrowheads(), this.layer);
  }

  /** Draw `edges` along `routes`, reusing the paths already there and writing only what changed. */
  draw(
    edges: readonly GraphEdge[],
    routes: readonly (readonly Point[])[],
    width: number,
    height: number,
  ): void {
    setIfChanged(this.svg, 'width', String(width));
    setIfChanged(this.svg, 'height', String(height));
    this.edges = edges;
    this.routes = routes;
    this.hover(undefined);
    const fresh: SVGPathElement[] = [];
    const paths = edges.map((edge, i) => {
      let path = this.paths[i];
      // A new path's attributes are set without reading them first: a thousand reads were a tenth of drawing.
      const set = path ? setIfChanged : setAttribute;
      if (!path) {
        path = document.createElementNS(SVG, 'path');
        fresh.push(path);
      }
      set(path, 'class', `edge ${edge.kind}`);
      // A dependency draws its arrowhead in its own path; the few problem edges are dashed, which would break
      // that arrowhead, and keep a filled one.
      const plain = edge.kind === 'dependency';
      set(path, 'd', pathData(routes[i] ?? [], plain));
      if (!plain) set(path, 'marker-end', 'url(#arrow-problem)');
      else if (path.hasAttribute('marker-end')) path.removeAttribute('marker-end');
      set(path, 'data-from', edge.from);
      set(path, 'data-to', edge.to);
      return path;
    });
    for (const stale of this.paths.slice(edges.length)) stale.remove();
    this.layer.append(...fresh);
    this.paths = paths;
  }

  /** The drawn path of each edge, in the model's order. */
  get lines(): readonly SVGPathElement[] {
    return this.paths;
  }

  /** The edge drawn within `tolerance` of a point of the drawing, if any (the nearest). */
  edgeAt(at: Point, tolerance: number): GraphEdge | undefined {
    const index = routeAt(this.routes, at, tolerance);
    return index === undefined ? undefined : this.edges[index];
  }

  /** Mark the edge under the pointer (none: unmark). */
  hover(edge: GraphEdge | undefined): void {
    const path = edge && this.paths[this.edges.indexOf(edge)];
    if (path === this.hovered) return;
    this.hovered?.classList.remove('hovered');
    path?.classList.add('hovered');
    this.hovered = path;
  }

  /** Light the edges whose both ends are in `related` (none: light none). */
  highlight(related: ReadonlySet<string> | undefined): void {
    this.edges.forEach((edge, i) => {
      const on = related !== undefined && related.has(edge.from) && related.has(edge.to);
      this.paths[i]?.classList.toggle('related', on);
    });
  }
}

function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function setAttribute(element: Element, name: string, value: string): void {
  element.setAttribute(name, value);
}

/** The red arrowhead of the problem edges' `marker-end`. */
function arrowheads(): SVGDefsElement {
  const defs = document.createElementNS(SVG, 'defs');
  const marker = document.createElementNS(SVG, 'marker');
  marker.id = 'arrow-problem';
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
  tip.setAttribute('class', 'arrow problem');
  marker.append(tip);
  defs.append(marker);
  return defs;
}
