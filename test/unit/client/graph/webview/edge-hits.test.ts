import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceToRoute, routeAt } from '../../../../../client/graph/webview/edge-hits.js';

void test('distance to a straight route is the distance to its nearest segment', () => {
  const route = [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
    { x: 100, y: 50 },
  ];
  assert.equal(distanceToRoute(route, { x: 40, y: 3 }), 3);
  assert.equal(distanceToRoute(route, { x: 104, y: 20 }), 4);
  assert.equal(distanceToRoute(route, { x: -3, y: -4 }), 5, 'past the end: to the end point');
});

void test('an S-curve between two layers is measured along the curve, not the straight line', () => {
  const route = [
    { x: 0, y: 0 },
    { x: 100, y: 100 },
  ];
  // The curve leaves and arrives horizontally and passes through the middle.
  assert.ok(distanceToRoute(route, { x: 50, y: 50 }) < 0.5);
  assert.ok(distanceToRoute(route, { x: 5, y: 0.3 }) < 1, 'it leaves the start level');
  // (20, 20) is on the straight diagonal, but well off the curve.
  assert.ok(distanceToRoute(route, { x: 20, y: 20 }) > 8);
});

void test('routeAt picks the nearest route within the tolerance, or none', () => {
  const routes = [
    [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
    ],
    [
      { x: 0, y: 10 },
      { x: 100, y: 10 },
    ],
  ];
  assert.equal(routeAt(routes, { x: 50, y: 3 }, 6), 0);
  assert.equal(routeAt(routes, { x: 50, y: 7 }, 6), 1);
  assert.equal(routeAt(routes, { x: 50, y: 30 }, 6), undefined);
  assert.equal(routeAt([], { x: 0, y: 0 }, 6), undefined);
});
