// The run session's rules on the fake runtime (test/unit/support): retries, timeouts, cancel, outputs. The Docker
// suite shows the same against a real engine; here each rule is checked in milliseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOnFake, until } from '../../support/run-on-fake.js';
import { useFastClock } from '../../support/fast-clock.js';

const workflow = (steps: string) => `name: t\ncontainer_config: { image: busybox }\nsteps:\n${steps}`;

void test('retries: N+1 attempts, the last exit code kept, attemptFailed says whether it retries', async () => {
  const run = startOnFake(workflow('  - { id: flaky, command: ["x"], retries: 2 }\n'), {
    flaky: { exitCode: 7, stderr: 'nope\n' },
  });
  const result = await run.handle.result;
  assert.deepEqual(
    [result.steps.flaky?.status, result.steps.flaky?.attempts, result.steps.flaky?.exit_code],
    ['failed', 3, 7],
  );
  const failures = run.events.flatMap((e) => (e.type === 'attemptFailed' ? [[e.attempt, e.willRetry]] : []));
  assert.deepEqual(failures, [
    [1, true],
    [2, true],
    [3, false],
  ]);
  assert.equal(run.runtime.containers.length, 3);
  assert.ok(
    run.runtime.containers.every((c) => c.state === 'removed'),
    'every attempt removed',
  );
});

void test('retries: a later attempt that succeeds ends the step succeeded with its outputs', async () => {
  const run = startOnFake(
    workflow(
      '  - { id: flaky, command: ["x"], retries: 3 }\n  - { id: use, command: ["${steps.flaky.outputs.v}"], depends_on: [flaky] }\n',
    ),
    { flaky: [{ exitCode: 1 }, { exitCode: 0, outputs: { v: 'second' } }] },
  );
  const result = await run.handle.result;
  assert.deepEqual([result.steps.flaky?.status, result.steps.flaky?.attempts], ['succeeded', 2]);
  const use = run.runtime.containers.find((c) => c.stepId === 'use');
  assert.deepEqual(use?.spec.command, ['second']);
});

void test('timeout: a hanging attempt is killed after timeout_seconds and counts as a failed attempt', async (t) => {
  useFastClock(t);
  const run = startOnFake(workflow('  - { id: slow, command: ["x"], timeout_seconds: 1, retries: 1 }\n'), {
    slow: [{ runsFor: 'hang' }, { exitCode: 0 }],
  });
  const result = await run.handle.result;
  assert.deepEqual([result.steps.slow?.status, result.steps.slow?.attempts], ['succeeded', 2]);
  assert.equal(run.runtime.containers[0]?.endedBy, 'kill');
  const failed = run.events.find((e) => e.type === 'attemptFailed');
  assert.equal(failed?.type === 'attemptFailed' && failed.reason, 'timed out after 1 s');
});

void test('timeout on the last attempt: the step is timed_out and its dependents are skipped', async (t) => {
  useFastClock(t);
  const run = startOnFake(
    workflow(
      '  - { id: slow, command: ["x"], timeout_seconds: 1 }\n  - { id: next, command: ["x"], depends_on: [slow] }\n',
    ),
    { slow: { runsFor: 'hang' } },
  );
  const result = await run.handle.result;
  assert.equal(result.status, 'failed');
  assert.equal(result.steps.slow?.status, 'timed_out');
  assert.deepEqual(
    [result.steps.next?.status, result.steps.next?.reason],
    ['skipped', 'dependency "slow" timed out'],
  );
});

void test('cancel: running containers are stopped and removed, pending steps cancelled, no retry starts', async () => {
  const run = startOnFake(
    workflow('  - { id: a, command: ["x"], retries: 5 }\n  - { id: b, command: ["x"], depends_on: [a] }\n'),
    { a: { runsFor: 'hang' } },
  );
  await until(() => run.runtime.running.length === 1, 'a to start');
  run.handle.cancel();
  const result = await run.handle.result;
  assert.equal(result.status, 'cancelled');
  assert.deepEqual([result.steps.a?.status, result.steps.a?.attempts], ['cancelled', 1]);
  assert.equal(result.steps.b?.status, 'cancelled');
  assert.equal(run.runtime.containers.length, 1, 'no retry after a cancel');
  assert.equal(run.runtime.containers[0]?.endedBy, 'stop');
  assert.deepEqual(await run.runtime.listContainers({ 'dagger-wf.run': run.handle.runId }), []);
});

void test('cancel twice: a container that ignores the stop is killed', async () => {
  const run = startOnFake(workflow('  - { id: a, command: ["x"] }\n'), {
    a: { runsFor: 'hang', ignoresStop: true },
  });
  await until(() => run.runtime.running.length === 1, 'a to start');
  run.handle.cancel();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(run.runtime.running.length, 1, 'the stop was ignored');
  run.handle.cancel();
  const result = await run.handle.result;
  assert.equal(result.status, 'cancelled');
  assert.equal(run.runtime.containers[0]?.endedBy, 'kill');
});

void test('a container the engine refuses to start fails the attempt with the reason', async () => {
  const run = startOnFake(workflow('  - { id: a, command: ["x"] }\n'), { a: { startFails: 'no such file' } });
  const result = await run.handle.result;
  assert.deepEqual(
    [result.steps.a?.status, result.steps.a?.reason],
    ['failed', 'container did not start: no such file'],
  );
});

void test('an image missing locally is pulled once for all the steps that use it', async () => {
  const run = startOnFake(
    'name: t\nsteps:\n  - { id: a, image: alpine, command: ["x"] }\n  - { id: b, image: alpine, command: ["x"] }\n',
  );
  const result = await run.handle.result;
  assert.equal(result.status, 'succeeded');
  assert.deepEqual(run.runtime.pulled, ['alpine']);
});
