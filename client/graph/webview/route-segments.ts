import type { Point } from '../layout/layout-types.js';

/** A piece of a drawn edge: a straight line, or an S-curve (a cubic Bézier that leaves and arrives level). */
export type RouteSegment =
  | { kind: 'line'; from: Point; to: Point }
  | { kind: 'curve'; from: Point; controls: readonly [Point, Point]; to: Point };

/**
 * The pieces a route is drawn with: straight where ELK routed at right angles (two points level or plumb, within
 * a pixel), a smooth S-curve between layers otherwise. The SVG path (pathData) and the pointer's hit test
 * (distanceToRoute) both follow these, so what is hovered is what is drawn.
 */
export function routeSegments(points: readonly Point[]): RouteSegment[] {
  const segments: RouteSegment[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1];
    const to = points[i];
    if (!from || !to) continue;
    if (Math.abs(to.x - from.x) > 1 && Math.abs(to.y - from.y) > 1) {
      const middle = from.x + (to.x - from.x) / 2;
      const controls = [
        { x: middle, y: from.y },
        { x: middle, y: to.y },
      ] as const;
      segments.push({ kind: 'curve', from, controls, to });
    } else segments.push({ kind: 'line', from, to });
  }
  return segments;
}
