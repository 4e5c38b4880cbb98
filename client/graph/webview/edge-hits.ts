import type { Point } from '../layout/layout-types.js';
import { routeSegments } from './route-segments.js';

/** Points taken along each curve of a route to measure how far the pointer is from it. */
const CURVE_SAMPLES = 12;

/**
 * How far `at` is from the line drawn for `route` (along its routeSegments, as pathData draws them). The webview
 * finds the edge under the pointer with it, instead of giving every edge a wide invisible path to hover: that
 * path doubled the SVG the first paint had to draw.
 */
export function distanceToRoute(route: readonly Point[], at: Point): number {
  let best = Infinity;
  for (const segment of routeSegments(route)) {
    if (segment.kind === 'line') {
      best = Math.min(best, distanceToSegment(segment.from, segment.to, at));
      continue;
    }
    const [one, two] = segment.controls;
    let previous = segment.from;
    for (let step = 1; step <= CURVE_SAMPLES; step++) {
      const next = cubic(segment.from, one, two, segment.to, step / CURVE_SAMPLES);
      best = Math.min(best, distanceToSegment(previous, next, at));
      previous = next;
    }
  }
  return best;
}

/** The index of the route nearest to `at`, if one is within `tolerance`. */
export function routeAt(
  routes: readonly (readonly Point[])[],
  at: Point,
  tolerance: number,
): number | undefined {
  let nearest: number | undefined;
  let best = tolerance;
  routes.forEach((route, index) => {
    if (!nearBox(route, at, tolerance)) return;
    const distance = distanceToRoute(route, at);
    if (distance <= best) {
      best = distance;
      nearest = index;
    }
  });
  return nearest;
}

/** Whether `at` is within `margin` of the box around the route's points (an S-curve stays inside that box). */
function nearBox(route: readonly Point[], at: Point, margin: number): boolean {
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const { x, y } of route) {
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  }
  return at.x >= left - margin && at.x <= right + margin && at.y >= top - margin && at.y <= bottom + margin;
}

function cubic(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

function distanceToSegment(from: Point, to: Point, at: Point): number {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = dx * dx + dy * dy;
  const t =
    length === 0 ? 0 : Math.max(0, Math.min(1, ((at.x - from.x) * dx + (at.y - from.y) * dy) / length));
  return Math.hypot(at.x - (from.x + t * dx), at.y - (from.y + t * dy));
}
