// The pull scheduling rules, on a fake runtime whose pulls end when the test says (a real engine cannot hold a
// pull still): at most PULLS_AT_ONCE at once, a ready step's image first, one pull per image, a stop that
// ends every pull. test/docker/pull-ahead.test.ts shows the same against a real registry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent } from '../../../../core/run/events.js';
import { ImagePuller, PULLS_AT_ONCE } from '../../../../core/run/image-puller.js';
import { ImagePullError } from '../../../../core/run/run-errors.js';
import type { ContainerRuntime, ImagePullProgress } from '../../../../core/run/runtime.js';

interface HeldPull {
  image: string;
  progress(message: ImagePullProgress): void;
  finish(error?: Error): void;
  signal?: AbortSignal;
}

/** A fake runtime: `present` images exist; every other pull waits until the test finishes it. */
function fakeRuntime(present: string[] = []) {
  const held: HeldPull[] = [];
  const runtime = {
    hasImage: (image: string) => Promise.resolve(present.includes(image)),
    pullImage: (image: string, onProgress: (message: ImagePullProgress) => void, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => (error ? reject(error) : resolve());
        signal?.addEventListener('abort', () => reject(new ImagePullError(image, 'cancelled')));
        held.push({ image, progress: onProgress, finish, signal });
      }),
  } as unknown as ContainerRuntime;
  return { runtime, held };
}

function puller(runtime: ContainerRuntime, aborter = new AbortController()) {
  const events: Extract<RunEvent, { type: 'imagePull' }>[] = [];
  const images = new ImagePuller({
    runtime,
    signal: aborter.signal,
    mask: (text) => text.replace('s3cret', '***'),
    emit: (event) => {
      if (event.type === 'imagePull') events.push(event);
    },
  });
  return { images, events, aborter };
}

/** Let promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

void test(`at most ${PULLS_AT_ONCE} pulls at once; the rest wait, announced as queued, and start in order`, async () => {
  const { runtime, held } = fakeRuntime();
  const { images, events } = puller(runtime);
  images.pullAhead(new Map(['a', 'b', 'c', 'd', 'e'].map((image) => [image, [`step-${image}`]])));
  await settle();
  assert.deepEqual(
    held.map((pull) => pull.image),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(
    events.filter((e) => e.phase === 'queued').map((e) => e.image),
    ['d', 'e'],
  );
  held[1]?.finish();
  await settle();
  assert.deepEqual(
    held.map((pull) => pull.image),
    ['a', 'b', 'c', 'd'],
  );
});

void test('a step that is ready gets its image before the pulls made ahead that wait', async () => {
  const { runtime, held } = fakeRuntime();
  const { images } = puller(runtime);
  images.pullAhead(new Map(['a', 'b', 'c', 'd', 'e'].map((image) => [image, [`step-${image}`]])));
  await settle();
  const ready = images.ensure('e', 'step-e');
  held[0]?.finish();
  await settle();
  assert.equal(held[3]?.image, 'e', 'e jumped ahead of d');
  held[3]?.finish();
  await ready;
});

void test('one pull per image for every step that needs it; present images are not pulled', async () => {
  const { runtime, held } = fakeRuntime(['here:1']);
  const { images, events } = puller(runtime);
  images.pullAhead(
    new Map([
      ['node:20', ['build', 'test']],
      ['here:1', ['lint']],
    ]),
  );
  const both = Promise.all([images.ensure('node:20', 'build'), images.ensure('node:20', 'package')]);
  await settle();
  assert.deepEqual(
    held.map((pull) => pull.image),
    ['node:20'],
  );
  held[0]?.finish();
  await both;
  await images.ensure('here:1', 'lint');
  assert.deepEqual(events.at(-1)?.stepIds, ['build', 'test', 'package']);
  assert.ok(
    events.every((e) => e.image === 'node:20'),
    'nothing said about a present image',
  );
});

void test('download progress is passed on a few times a second; layers done and unlayered messages at once', async () => {
  const { runtime, held } = fakeRuntime();
  const { images, events } = puller(runtime);
  const done = images.ensure('big:1', 'app');
  await settle();
  const pull = held[0];
  assert.ok(pull);
  pull.progress({ status: 'Pulling fs layer', layer: 'l1' });
  for (let current = 1; current <= 100; current++)
    pull.progress({ status: 'Downloading', layer: 'l1', current, total: 100 });
  pull.progress({ status: 'Pull complete', layer: 'l1' });
  pull.progress({ status: 'Status: Downloaded newer image for big:1' });
  pull.finish();
  await done;
  // The start, Pull complete, the status line and the end; of 100 downloading messages, at most one or two.
  assert.ok(events.length <= 6, `${events.length} events`);
  assert.ok(events.some((e) => e.status === 'Pull complete'));
  assert.ok(events.some((e) => e.status.startsWith('Status: Downloaded newer image')));
  assert.equal(events.at(-1)?.phase, 'pulled');
  assert.deepEqual(events.at(-1)?.pull, { layersDone: 1, layersTotal: 1, bytesDone: 100, bytesTotal: 100 });
});

void test('a failed pull rejects for the steps that wait and says why, masked', async () => {
  const { runtime, held } = fakeRuntime();
  const { images, events } = puller(runtime);
  const ready = images.ensure('registry/s3cret:1', 'app');
  await settle();
  held[0]?.finish(new ImagePullError('registry/s3cret:1', 'manifest unknown'));
  await assert.rejects(ready, ImagePullError);
  assert.deepEqual(
    events.map((e) => [e.phase, e.image]),
    [
      ['pulling', 'registry/***:1'],
      ['failed', 'registry/***:1'],
    ],
  );
  assert.match(events.at(-1)?.status ?? '', /manifest unknown/);
  assert.doesNotMatch(events.at(-1)?.status ?? '', /s3cret/);
});

void test('a cancel ends every pull at once, going or waiting, each with a final cancelled event', async () => {
  const { runtime, held } = fakeRuntime();
  const { images, events, aborter } = puller(runtime);
  images.pullAhead(new Map(['a', 'b', 'c', 'd'].map((image) => [image, [`step-${image}`]])));
  await settle();
  const waiting = images.ensure('d', 'step-d');
  aborter.abort();
  await assert.rejects(waiting, ImagePullError);
  assert.ok(
    held.every((pull) => pull.signal?.aborted),
    'the engine pulls are aborted',
  );
  assert.deepEqual(
    events.filter((e) => e.phase === 'cancelled').map((e) => [e.image, e.status]),
    ['a', 'b', 'c', 'd'].map((image) => [image, 'run cancelled']),
  );
  await images.ensure('e', 'step-e').then(
    () => assert.fail('no pull starts after a cancel'),
    (error: unknown) => assert.ok(error instanceof ImagePullError),
  );
  assert.equal(held.length, 3);
});
