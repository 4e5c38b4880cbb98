import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunStateFeed } from '../../../../client/graph/run-state-feed.js';
import type { HostMessage } from '../../../../client/graph/webview-messages.js';
import { applyRunEvent, newRunRecord, type RunRecord } from '../../../../client/views/run-record.js';
import { RunStore } from '../../../../client/views/run-store.js';

const FILE = '/work/pipeline.dagger.yaml';

/** A feed over a real RunStore, with the messages it posts. */
function feedOf(store = new RunStore()) {
  const messages: HostMessage[] = [];
  const feed = new RunStateFeed(store, FILE, (message) => messages.push(message));
  return { store, feed, messages };
}

function startRun(
  store: RunStore,
  runId: string,
  file = FILE,
  startedAt = new Date().toISOString(),
): RunRecord {
  const record = newRunRecord(runId, file, 'Pipeline', ['build', 'test']);
  record.startedAt = startedAt;
  store.upsert(record);
  return record;
}

function event(store: RunStore, record: RunRecord, ...events: Parameters<typeof applyRunEvent>[1][]): void {
  for (const next of events) applyRunEvent(record, next);
  store.changed(record);
}

const nextBatch = () => new Promise((resolve) => setTimeout(resolve, 150));

void test('a new run of the workflow is sent whole; then only the steps that changed, in one batch', async () => {
  const { store, feed, messages } = feedOf();
  feed.resend();
  assert.deepEqual(messages.splice(0), [{ type: 'run', steps: [] }], 'no run yet: no states');
  const run = startRun(store, 'r1');
  assert.equal(messages.length, 1);
  const first = messages.splice(0)[0];
  assert.equal(first?.type, 'run');
  assert.deepEqual(first?.type === 'run' ? first.steps.map((s) => s.status) : [], ['pending', 'pending']);
  const time = new Date().toISOString();
  event(store, run, { type: 'stepStarted', stepId: 'build', attempt: 1, maxAttempts: 2, time });
  event(store, run, { type: 'log', stepId: 'build', stream: 'stdout', text: 'hi', time });
  event(store, run, {
    type: 'attemptFailed',
    stepId: 'build',
    attempt: 1,
    maxAttempts: 2,
    exitCode: 1,
    reason: 'exit 1',
    willRetry: true,
    retryDelaySeconds: 0,
    time,
  });
  // The Runs tree's ticker: nothing changed.
  store.changed(undefined);
  assert.equal(messages.length, 0, 'batched');
  await nextBatch();
  assert.equal(messages.length, 1, 'one batch for the burst');
  const batch = messages.splice(0)[0];
  assert.equal(batch?.type, 'steps');
  if (batch?.type !== 'steps') return;
  assert.equal(batch.runId, 'r1');
  assert.deepEqual(
    batch.steps.map((s) => [s.id, s.status, s.attempt, s.maxAttempts, s.exitCode]),
    [['build', 'running', 1, 2, 1]],
    'only build changed; test stays as sent',
  );
  store.changed(undefined);
  await nextBatch();
  assert.equal(messages.length, 0, 'nothing changed, nothing sent');
  feed.dispose();
});

void test("another workflow's runs are not shown", () => {
  const { store, feed, messages } = feedOf();
  feed.resend();
  messages.splice(0);
  startRun(store, 'other', '/work/other.dagger.yaml');
  assert.deepEqual(messages, []);
  feed.dispose();
});

void test('the run opened from the Runs tree is shown until a newer run of the workflow starts', () => {
  const { store, feed, messages } = feedOf();
  startRun(store, 'old', FILE, '2030-01-01T00:00:00.000Z');
  const newest = startRun(store, 'new', FILE, '2030-01-02T00:00:00.000Z');
  feed.resend();
  feed.pin('old');
  const shown = () =>
    messages.filter((m) => m.type === 'run').map((m) => (m.type === 'run' ? m.run?.runId : ''));
  assert.deepEqual(shown().slice(-1), ['old']);
  event(store, newest, {
    type: 'stepStarted',
    stepId: 'build',
    attempt: 1,
    maxAttempts: 1,
    time: new Date().toISOString(),
  });
  assert.equal(feed.run?.runId, 'old', 'a change in another run does not unpin');
  startRun(store, 'newer', FILE, '2030-01-03T00:00:00.000Z');
  assert.deepEqual(shown().slice(-1), ['newer']);
  feed.dispose();
});

void test("the run's end is sent with every step's final state", async () => {
  const { store, feed, messages } = feedOf();
  feed.resend();
  const run = startRun(store, 'r1');
  const time = new Date().toISOString();
  event(
    store,
    run,
    {
      type: 'stepFinished',
      stepId: 'build',
      status: 'succeeded',
      exitCode: 0,
      attempts: 1,
      outputs: {},
      time,
    },
    { type: 'runFinished', runId: 'r1', status: 'failed', outputs: {}, time },
  );
  const last = messages[messages.length - 1];
  assert.equal(last?.type, 'run');
  if (last?.type !== 'run') return;
  assert.equal(last.run?.status, 'failed');
  assert.deepEqual(
    last.steps.map((s) => [s.id, s.status]),
    [
      ['build', 'succeeded'],
      ['test', 'cancelled'],
    ],
  );
  await nextBatch();
  assert.equal(messages[messages.length - 1], last, 'no stale batch after it');
  feed.dispose();
});
