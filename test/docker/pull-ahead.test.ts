// Pull ahead, against a real registry on loopback: every image a run needs is pulled at its start, a failed
// pull fails only the steps that need the image, an image named after a step output is pulled when its step
// is ready, a registry that does not answer fails its steps after retries, and a cancel stops the pulls at once.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RunEvent } from '../../core/run/events.js';
import { pushRandomImage, startRegistry, startSlowProxy } from './loopback-registry.js';
import { freePort, isImagePresent, removeImagesLocally, type LoopbackRegistry } from './registry-server.js';
import { requireTestImage, runToEnd, waitFor, workspace, type FinishedRun } from './run-helpers.js';

let registry: LoopbackRegistry;
let pushed = 0;

before(async () => {
  requireTestImage();
  registry = await startRegistry();
});

/** `count` images of their own (one random layer each), absent locally. */
function freshImages(count: number, bytes = 2_000_000): string[] {
  return Array.from({ length: count }, () =>
    pushRandomImage(registry, `dagger-test/ahead:${process.pid}-${++pushed}`, bytes),
  );
}

type PullEvent = Extract<RunEvent, { type: 'imagePull' }>;
const pullsOf = (events: RunEvent[]) => events.filter((e): e is PullEvent => e.type === 'imagePull');

/** Where in the run's events the first event matching `match` is. */
function indexOf(run: FinishedRun, match: (event: RunEvent) => boolean, what: string): number {
  const index = run.events.findIndex(match);
  assert.ok(index >= 0, `no event: ${what}`);
  return index;
}

const pullStart = (image: string) => (e: RunEvent) =>
  e.type === 'imagePull' && e.image === image && e.phase === 'pulling';
const finished = (stepId: string) => (e: RunEvent) => e.type === 'stepFinished' && e.stepId === stepId;

function chain(images: string[]): string {
  const [a, b, c] = images;
  return workspace({
    'chain.dagger.yaml': `
name: chain
steps:
  - { id: a, image: "${a}", command: [echo, a] }
  - { id: b, image: "${b}", command: [echo, b], depends_on: [a] }
  - { id: c, image: "${c}", command: [echo, c], depends_on: [b] }
`,
  });
}

void test('every image is pulled at the start: the last step of a chain has its image before the first ends', async () => {
  const images = freshImages(3);
  const run = await runToEnd({ workflowFile: join(chain(images), 'chain.dagger.yaml') });
  assert.equal(run.result.status, 'succeeded');
  const [, , last] = images;
  assert.ok(last);
  assert.ok(
    indexOf(run, pullStart(last), `pull of ${last}`) < indexOf(run, finished('a'), 'a finished'),
    "c's image is being pulled before a has finished",
  );
  for (const image of images) {
    const ends = pullsOf(run.events).filter((e) => e.image === image && e.phase !== 'pulling');
    assert.deepEqual(
      ends.map((e) => e.phase),
      ['pulled'],
      `${image} is pulled once, and says when it is done`,
    );
    const done = ends[0]?.pull;
    assert.ok(done && done.layersTotal >= 1 && done.layersDone === done.layersTotal, 'all layers done');
    assert.ok(done.bytesTotal && done.bytesTotal >= 2_000_000, `the size is reported: ${done.bytesTotal}`);
  }
  for (const event of pullsOf(run.events).filter((e) => e.image === last))
    assert.deepEqual(event.stepIds, ['c'], 'each event names the steps that need the image');
});

void test('pullAhead: false pulls each image when its step is ready (the comparison bench:run makes)', async () => {
  const images = freshImages(3);
  const run = await runToEnd({ workflowFile: join(chain(images), 'chain.dagger.yaml'), pullAhead: false });
  assert.equal(run.result.status, 'succeeded');
  const [, , last] = images;
  assert.ok(last);
  assert.ok(indexOf(run, pullStart(last), `pull of ${last}`) > indexOf(run, finished('b'), 'b finished'));
});

void test('a pull that fails fails only the steps that need the image; the others run', async () => {
  const [good] = freshImages(1);
  const absent = `${registry.host}/dagger-test/absent:${process.pid}`;
  const dir = workspace({
    'partial.dagger.yaml': `
name: partial
steps:
  - { id: first, image: "${good}", command: [echo, first] }
  - { id: missing, image: "${absent}", command: [echo, never], depends_on: [first] }
  - { id: after-missing, image: "${good}", command: [echo, never], depends_on: [missing] }
  - { id: sibling, image: "${good}", command: [echo, sibling], depends_on: [first] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'partial.dagger.yaml') });
  const status = Object.fromEntries(Object.entries(run.result.steps).map(([id, step]) => [id, step.status]));
  assert.deepEqual(status, {
    first: 'succeeded',
    missing: 'failed',
    'after-missing': 'skipped',
    sibling: 'succeeded',
  });
  assert.match(run.result.steps.missing?.reason ?? '', /absent/);
  const failures = pullsOf(run.events).filter((e) => e.phase === 'failed');
  assert.deepEqual(
    failures.map((e) => [e.image, e.stepIds]),
    [[absent, ['missing']]],
    'one failed pull, for the one step that needs it',
  );
  assert.ok(
    indexOf(run, (e) => e.type === 'imagePull' && e.phase === 'failed', 'the failure') <
      indexOf(run, finished('first'), 'first finished'),
    'the failure was known ahead, while the first step ran',
  );
});

void test('an image named after a step output is pulled when its step is ready', async () => {
  const [image] = freshImages(1);
  assert.ok(image);
  const dir = workspace({
    'picked.dagger.yaml': `
name: picked
steps:
  - id: pick
    image: dagger-test/busybox:latest
    command: [sh, -c, 'echo "image=${image}" >> "$DAGGER_OUTPUT"']
  - { id: use, image: "\${steps.pick.outputs.image}", command: [echo, used], depends_on: [pick] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'picked.dagger.yaml') });
  assert.equal(run.result.status, 'succeeded');
  assert.equal(run.log('use'), 'used\n');
  assert.ok(
    indexOf(run, pullStart(image), `pull of ${image}`) > indexOf(run, finished('pick'), 'pick finished'),
  );
});

void test('cancel stops a pull at once: the image never arrives, the pull ends as cancelled', async () => {
  const size = 20_000_000;
  const [image] = freshImages(1, size);
  assert.ok(image);
  // 1 MB/s: the pull would take 20 s.
  const proxy = await startSlowProxy(registry, 1_000_000);
  const slow = image.replace(registry.host, proxy.host);
  const dir = workspace({
    'slow.dagger.yaml': `name: slow\nsteps:\n  - { id: big, image: "${slow}", command: [echo, never] }\n`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'slow.dagger.yaml') }, async (handle, events) => {
    await waitFor(
      () => pullsOf(events).some((e) => (e.pull.bytesDone ?? 0) > 0),
      'the download to begin',
      60_000,
    );
    handle.cancel();
  });
  assert.equal(run.result.status, 'cancelled');
  assert.equal(run.result.steps.big?.status, 'cancelled');
  const last = pullsOf(run.events).at(-1);
  assert.equal(last?.phase, 'cancelled');
  assert.equal(last?.status, 'run cancelled');
  assert.ok(!isImagePresent(slow), 'the image was not pulled');
  removeImagesLocally([slow]);
});

void test('a registry nobody answers: the pull is retried, then fails only its steps, saying why', async () => {
  const [good] = freshImages(1);
  // A loopback port nobody listens on: the engine's connection is refused, as with a registry that is down.
  const unreachable = `localhost:${await freePort()}/dagger-test/unreachable:${process.pid}`;
  const dir = workspace({
    'down.dagger.yaml': `
name: down
steps:
  - { id: fetch, image: "${unreachable}", command: [echo, never] }
  - { id: after-fetch, image: "${good}", command: [echo, never], depends_on: [fetch] }
  - { id: local, image: "${good}", command: [echo, local] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'down.dagger.yaml') });
  const status = Object.fromEntries(Object.entries(run.result.steps).map(([id, step]) => [id, step.status]));
  assert.deepEqual(status, { fetch: 'failed', 'after-fetch': 'skipped', local: 'succeeded' });
  assert.equal(run.result.status, 'failed');
  const reason = run.result.steps.fetch?.reason ?? '';
  assert.ok(reason.includes(unreachable), `the reason names the image: ${reason}`);
  const ofImage = pullsOf(run.events).filter((e) => e.image === unreachable);
  assert.ok(
    ofImage.some((e) => e.retry !== undefined),
    'the retries are announced (a refused connection may be a passing fault)',
  );
  assert.deepEqual(
    ofImage.filter((e) => e.phase !== 'pulling' && e.phase !== 'queued').map((e) => [e.phase, e.stepIds]),
    [['failed', ['fetch']]],
    'one failure, for the one step that needs the image',
  );
});
