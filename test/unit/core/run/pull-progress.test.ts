// The engine's pull messages, folded into layers and bytes of the whole image. The recorded pull is a real
// one (Docker 20.10, overlay2): one layer present already, two fetched (20 MB and 3 MB).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { pullProgressOf, type PullMessage } from '../../../../core/docker/pull-image.js';
import { describePullProgress, formatSize, pullFraction } from '../../../../core/run/describe-pull.js';
import { PullProgressCounter } from '../../../../core/run/pull-progress.js';
import type { ImagePullProgress } from '../../../../core/run/runtime.js';

const recorded: ImagePullProgress[] = readFileSync(
  resolve(__dirname, '../../../fixtures/pull/docker-20.10-two-layers.jsonl'),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as PullMessage & { status: string })
  .map(pullProgressOf);

void test('a recorded pull: layers counted without the tag line, bytes once every layer has its size', () => {
  const counter = new PullProgressCounter();
  const seen = recorded.map((message) => {
    counter.update(message);
    return describePullProgress(counter.progress);
  });
  assert.deepEqual(seen, [
    '', // Pulling from …: the tag, not a layer
    '1/1 layers',
    '1/2 layers',
    '1/3 layers',
    '1/3 layers · 36.4 kB',
    '1/3 layers · 0.3 of 23.0 MB',
    '1/3 layers · 3.2 of 23.0 MB',
    '1/3 layers · 3.2 of 23.0 MB',
    '1/3 layers · 12.6 of 23.0 MB',
    '1/3 layers · 19.9 of 23.0 MB',
    '1/3 layers · 23.0 of 23.0 MB',
    '1/3 layers · 23.0 of 23.0 MB',
    '1/3 layers · 23.0 of 23.0 MB',
    '1/3 layers · 23.0 of 23.0 MB',
    '1/3 layers · 23.0 of 23.0 MB',
    '2/3 layers · 23.0 of 23.0 MB',
    '2/3 layers · 23.0 of 23.0 MB',
    '2/3 layers · 23.0 of 23.0 MB',
    '2/3 layers · 23.0 of 23.0 MB',
    '3/3 layers · 23.0 of 23.0 MB',
    '3/3 layers · 23.0 of 23.0 MB',
    '3/3 layers · 23.0 of 23.0 MB',
  ]);
  assert.deepEqual(counter.progress, {
    layersDone: 3,
    layersTotal: 3,
    bytesDone: 23_007_424,
    bytesTotal: 23_007_424,
  });
});

void test('update says whether what it shows changed', () => {
  const counter = new PullProgressCounter();
  const changed = recorded.flatMap((message, index) => (counter.update(message) ? [index] : []));
  // Not: the tag line (0), "Download complete" after "Verifying Checksum" (7, 11), extraction (12-14, 16-18),
  // the closing lines (20, 21).
  assert.deepEqual(changed, [1, 2, 3, 4, 5, 6, 8, 9, 10, 15, 19]);
});

void test('a layer still waiting keeps the total unknown; complete() settles every layer', () => {
  const counter = new PullProgressCounter();
  counter.update({ status: 'Pulling fs layer', layer: 'a' });
  counter.update({ status: 'Waiting', layer: 'b' });
  counter.update({ status: 'Downloading', layer: 'a', current: 500, total: 1000 });
  assert.deepEqual(counter.progress, { layersDone: 0, layersTotal: 2, bytesDone: 500 });
  counter.complete();
  assert.deepEqual(counter.progress, { layersDone: 2, layersTotal: 2, bytesDone: 1000 });
});

void test('a retry starts the unfinished downloads again from nothing', () => {
  const counter = new PullProgressCounter();
  counter.update({ status: 'Downloading', layer: 'a', current: 800, total: 1000 });
  counter.update({ status: 'Pull complete', layer: 'b' });
  counter.update({
    status: 'Pull attempt 1 of 4 failed (connection reset); retrying in 1 s',
    retry: { attempt: 2, maxAttempts: 4, delaySeconds: 1 },
  });
  assert.deepEqual(counter.progress, { layersDone: 1, layersTotal: 2, bytesDone: 0, bytesTotal: 1000 });
});

void test('sizes in decimal units, as registries count them; the fraction weighs layers and bytes', () => {
  assert.equal(formatSize(999), '999 B');
  assert.equal(formatSize(1_500), '1.5 kB');
  assert.equal(formatSize(40_100_000), '40.1 MB');
  assert.equal(formatSize(1_230_000_000), '1.2 GB');
  assert.equal(describePullProgress({ layersDone: 0, layersTotal: 0 }), '');
  assert.equal(pullFraction({ layersDone: 1, layersTotal: 4 }), 0.25);
  assert.equal(pullFraction({ layersDone: 1, layersTotal: 4, bytesDone: 75, bytesTotal: 100 }), 0.5);
});
