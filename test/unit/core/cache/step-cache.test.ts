import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheStore } from '../../../../core/cache/cache-store.js';
import { StepCache, type StepCacheOptions } from '../../../../core/cache/step-cache.js';
import type { RunEvent } from '../../../../core/run/events.js';
import { startRun } from '../../../../core/run/run-workflow.js';
import { FakeContainerRuntime } from '../../support/fake-container-runtime.js';
import { FAKE_WORKFLOW_FILE } from '../../support/run-on-fake.js';

const WORKFLOW = `
steps:
  - id: gen
    image: busybox
    command: ["gen"]
    cache: true
    max_age: 1h
  - id: use
    image: busybox
    command: ["use", "\${steps.gen.outputs.version}"]
    depends_on: [gen]
    cache: true
`;

/** Run WORKFLOW once on a fresh fake engine with the cache in `dir`; what ran and what the cache said. */
async function runCached(dir: string, options: Partial<StepCacheOptions> = {}, version = '1.2') {
  const runtime = new FakeContainerRuntime({ gen: { stdout: 'generating\n', outputs: { version } } });
  const cache = new StepCache({
    store: new CacheStore(dir),
    workflowFile: FAKE_WORKFLOW_FILE,
    imageDigest: (image) => runtime.imageId(image),
    ...options,
  });
  const handle = startRun({
    workflowFile: FAKE_WORKFLOW_FILE,
    text: WORKFLOW,
    runtime,
    hostEnv: {},
    hooks: cache.hooks,
  });
  const events: RunEvent[] = [];
  handle.onEvent((event) => events.push(event));
  handle.onEvent(cache.listener);
  const result = await handle.result;
  const logOf = (stepId: string) =>
    events.flatMap((event) => (event.type === 'log' && event.stepId === stepId ? [event.text] : [])).join('');
  return { result, started: runtime.startOrder, verdicts: cache.verdicts, logOf };
}

void test('a second run takes cached steps from the cache: no container, outputs restored, log replayed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-cache-'));
  try {
    const first = await runCached(dir);
    assert.deepEqual(first.started, ['gen', 'use']);
    assert.match(first.logOf('gen'), /cache miss: no previous entry/);
    const second = await runCached(dir);
    assert.deepEqual(second.started, [], 'no container started');
    assert.equal(second.result.status, 'succeeded');
    assert.equal(second.result.steps.gen?.cached, true);
    assert.deepEqual(second.result.steps.gen?.outputs, { version: '1.2' });
    assert.equal(second.result.steps.use?.cached, true);
    // The reason is what the editor's Runs tree shows beside a cached step.
    assert.match(
      second.result.steps.gen?.reason ?? '',
      new RegExp(`^cached from run ${first.result.run_id} \\(key `),
    );
    assert.match(
      second.logOf('gen'),
      new RegExp(`^\\[dagger-wf\\] cached from run ${first.result.run_id} .*\ngenerating\n$`),
    );
    assert.deepEqual(second.verdicts.get('gen'), { kind: 'hit', fromRunId: first.result.run_id });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('--no-cache runs everything and stores nothing; --refresh runs the step and stores it anew', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-cache-'));
  try {
    const ignored = await runCached(dir, { noCache: true });
    assert.deepEqual(ignored.started, ['gen', 'use']);
    assert.equal(readdirSync(dir).includes('entries'), false, 'nothing stored');
    await runCached(dir);
    const refreshed = await runCached(dir, { refresh: ['gen'] });
    assert.deepEqual(refreshed.started, ['gen'], 'gen refreshed; use still hits (same output)');
    assert.deepEqual(refreshed.verdicts.get('gen'), { kind: 'miss', reason: 'refreshed (--refresh)' });
    const after = await runCached(dir);
    assert.equal(after.verdicts.get('gen')?.kind, 'hit');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a corrupt entry is a miss that says so, and the run stores a good one again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-cache-'));
  try {
    await runCached(dir);
    const store = new CacheStore(dir);
    const { entries } = store.list();
    for (const { path } of entries) writeFileSync(path, '{"version": 1, "key": "trunc');
    const damaged = await runCached(dir);
    assert.deepEqual(damaged.started, ['gen', 'use']);
    assert.equal(damaged.result.status, 'succeeded');
    const verdict = damaged.verdicts.get('gen');
    assert.match(verdict?.kind === 'miss' ? verdict.reason : '', /^cache entry [0-9a-f]{12} is unreadable$/);
    assert.deepEqual((await runCached(dir)).started, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('an entry older than max_age is a miss that says it expired', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-cache-'));
  try {
    await runCached(dir);
    const later = new Date(Date.now() + 2 * 3600 * 1000);
    const expired = await runCached(dir, { now: () => later });
    assert.deepEqual(expired.started, ['gen'], 'gen (max_age 1h) runs; use (7 days) still hits');
    const verdict = expired.verdicts.get('gen');
    assert.match(
      verdict?.kind === 'miss' ? verdict.reason : '',
      /^entry expired \(2 h old, max_age 60 min\)$/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a changed upstream output misses downstream, naming the output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-cache-'));
  try {
    await runCached(dir);
    const changed = await runCached(dir, { refresh: ['gen'] }, '2.0');
    assert.deepEqual(changed.started, ['gen', 'use']);
    const verdict = changed.verdicts.get('use');
    assert.equal(verdict?.kind === 'miss' && verdict.reason, 'command changed; output gen.version changed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
