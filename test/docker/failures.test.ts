import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { IMAGE, ms, requireTestImage, runToEnd, workspace, stepOf } from './run-helpers.js';
import { must } from '../support/must.js';

before(requireTestImage);

void test('a failed step skips its dependents with the reason, while an unrelated branch finishes', async () => {
  const dir = workspace({
    'skip.dagger.yaml': `
name: skip
container_config: { image: ${IMAGE} }
steps:
  - { id: build, command: [sh, -c, "echo broken >&2; exit 3"] }
  - { id: test, command: ["true"], depends_on: [build] }
  - { id: deploy, command: ["true"], depends_on: [test] }
  - { id: docs, command: ["true"] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'skip.dagger.yaml') });
  assert.equal(run.result.status, 'failed');
  const build = stepOf(run.result, 'build');
  const testStep = stepOf(run.result, 'test');
  const deploy = stepOf(run.result, 'deploy');
  const docs = stepOf(run.result, 'docs');
  assert.deepEqual([build.status, build.exit_code, build.reason], ['failed', 3, 'exited with code 3']);
  assert.deepEqual(
    [testStep.status, testStep.reason, testStep.started_at],
    ['skipped', 'dependency "build" failed', null],
  );
  assert.deepEqual([deploy.status, deploy.reason], ['skipped', 'dependency "test" was skipped']);
  assert.equal(docs.status, 'succeeded');
  assert.ok(
    run.events.some(
      (e) => e.type === 'log' && e.stepId === 'build' && e.stream === 'stderr' && e.text === 'broken\n',
    ),
  );
});

void test('allow_failure: the gate fails, its dependents are skipped, the run still succeeds', async () => {
  const dir = workspace({
    'gate.dagger.yaml': `
name: gate
container_config: { image: ${IMAGE} }
steps:
  - { id: check-condition, command: [sh, -c, "exit 1"], allow_failure: true }
  - { id: run-tests, command: ["true"], depends_on: [check-condition] }
  - { id: always, command: ["true"] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'gate.dagger.yaml') });
  assert.equal(run.result.status, 'succeeded');
  assert.equal(stepOf(run.result, 'check-condition').status, 'failed');
  assert.deepEqual(
    [stepOf(run.result, 'run-tests').status, stepOf(run.result, 'run-tests').reason],
    ['skipped', 'dependency "check-condition" failed'],
  );
});

void test('retries: N+1 attempts with retry_delay between them, attemptFailed says whether it retries', async () => {
  const dir = workspace({
    'retry.dagger.yaml': `
name: retry
container_config: { image: ${IMAGE} }
steps:
  - { id: flaky, command: [sh, -c, "echo try; exit 7"], retries: 2, retry_delay: 1 }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'retry.dagger.yaml') });
  const flaky = stepOf(run.result, 'flaky');
  assert.deepEqual([flaky.status, flaky.attempts, flaky.exit_code], ['failed', 3, 7]);
  const failures = run.events.flatMap((e) => (e.type === 'attemptFailed' ? [e] : []));
  assert.deepEqual(
    failures.map((e) => [e.attempt, e.maxAttempts, e.willRetry, e.exitCode]),
    [
      [1, 3, true, 7],
      [2, 3, true, 7],
      [3, 3, false, 7],
    ],
  );
  const starts = run.events.flatMap((e) => (e.type === 'stepStarted' ? [Date.parse(e.time)] : []));
  const ends = failures.map((e) => Date.parse(e.time));
  assert.equal(starts.length, 3);
  // 990, not 1000: event times are cut to whole milliseconds.
  const gaps = starts.slice(1).map((start, i) => start - must(ends[i], `the end of attempt ${i + 1}`));
  assert.ok(
    gaps.every((gap) => gap >= 990),
    `retry_delay of 1 s between attempts: ${gaps.join(', ')} ms`,
  );
  assert.equal(run.log('flaky'), 'try\ntry\ntry\n');
});

void test('retries stop at the first success; the step reports how many attempts it took', async () => {
  const dir = workspace({
    'second.dagger.yaml': `
name: second time lucky
steps:
  - id: counter
    image: ${IMAGE}
    command: [sh, -c, 'n=$(cat /state/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /state/n; [ $n -ge 2 ]']
    volumes: [{ source: ./state, target: /state }]
    retries: 5
`,
    'state/.keep': '',
  });
  const run = await runToEnd({ workflowFile: join(dir, 'second.dagger.yaml') });
  assert.deepEqual(
    [stepOf(run.result, 'counter').status, stepOf(run.result, 'counter').attempts],
    ['succeeded', 2],
  );
});

void test('a program the image lacks, or a limit the engine refuses, fails the step with the engine reason on one line', async () => {
  const dir = workspace({
    'refused.dagger.yaml': `
name: refused
container_config: { image: ${IMAGE} }
steps:
  - { id: typo, command: [/bin/no-such-program, --flag] }
  - { id: greedy, command: ["true"], resources: { cpu: "4096" } }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'refused.dagger.yaml') });
  const typo = stepOf(run.result, 'typo');
  const greedy = stepOf(run.result, 'greedy');
  assert.deepEqual(
    [typo.status, typo.exit_code, typo.reason],
    [
      'failed',
      null,
      'container did not start: "/bin/no-such-program" is not in the image (no such file or directory)',
    ],
  );
  assert.equal(greedy.status, 'failed');
  assert.match(greedy.reason ?? '', /^container did not start: \S.*\S$/);
  assert.doesNotMatch(greedy.reason ?? '', /HTTP code/);
});

void test('a timeout_seconds longer than a Node timer allows (35 days) does not end a step at once', async () => {
  const dir = workspace({
    'long-limit.dagger.yaml': `
name: long limit
steps:
  - { id: patient, image: ${IMAGE}, command: [sleep, "1"], timeout_seconds: 3024000 }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'long-limit.dagger.yaml') });
  assert.deepEqual(
    [stepOf(run.result, 'patient').status, stepOf(run.result, 'patient').exit_code],
    ['succeeded', 0],
  );
});

void test('timeout_seconds kills the attempt: timed_out, and its container is gone', async () => {
  const dir = workspace({
    'timeout.dagger.yaml': `
name: timeout
container_config: { image: ${IMAGE}, timeout_seconds: 1 }
steps:
  - { id: sleeper, command: [sleep, "60"] }
  - { id: after, command: ["true"], depends_on: [sleeper] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'timeout.dagger.yaml') });
  const containerId =
    run.events.flatMap((e) => (e.type === 'containerStarted' ? [e.containerId] : []))[0] ?? '';
  const sleeper = stepOf(run.result, 'sleeper');
  assert.deepEqual([sleeper.status, sleeper.reason], ['timed_out', 'timed out after 1 s']);
  assert.ok(ms(sleeper.finished_at) - ms(sleeper.started_at) < 30_000, 'killed long before sleep 60 ended');
  assert.deepEqual(
    [stepOf(run.result, 'after').status, stepOf(run.result, 'after').reason],
    ['skipped', 'dependency "sleeper" timed out'],
  );
  assert.equal(run.result.status, 'failed');
  // runToEnd has checked that no container of the run is left; this one by id, to be sure it was ours.
  assert.ok(containerId);
  assert.throws(() => execFileSync('docker', ['container', 'inspect', containerId], { stdio: 'ignore' }));
});
