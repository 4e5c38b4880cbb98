// The debug controller on the fake runtime: breakpoints gate steps, next, pause, restart frame, exception filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugOnFake } from '../../support/debug-on-fake.js';
import { useFastClock } from '../../support/fast-clock.js';

const chain = `name: chain
container_config: { image: busybox }
steps:
  - { id: a, command: ["x"] }
  - { id: b, command: ["\${steps.a.outputs.v}"], depends_on: [a], environment: { WHO: "\${inputs.who}" } }
  - { id: c, command: ["x"], depends_on: [b] }
`;
const scripts = { a: { outputs: { v: 'from-a' } } };
const inputs = { inputs: { who: 'me' } };

void test('a breakpoint on a step pauses before it starts, with its values resolved; continue runs to the end', async () => {
  const run = debugOnFake(chain, scripts, (c) => c.breakpoints.set('file', [{ stepId: 'b' }]), inputs);
  const stop = await run.nextStop();
  assert.deepEqual([stop.reason, stop.stepId, stop.at], ['breakpoint', 'b', 'before']);
  assert.equal(stop.hitBreakpointIds.length, 1);
  assert.deepEqual(run.runtime.startOrder, ['a'], 'b has not started');
  const b = run.controller.records.get('b');
  assert.deepEqual(b.about?.spec.command, ['from-a']);
  assert.equal(b.about?.spec.env.WHO, 'me');
  assert.deepEqual(
    run.controller.stack().map((record) => record.stepId),
    ['b', 'a'],
  );
  run.controller.continue();
  const result = await run.handle.result;
  assert.equal(result.status, 'succeeded');
  assert.equal(run.stops.length, 1);
  assert.deepEqual(run.runtime.startOrder, ['a', 'b', 'c']);
});

void test('without breakpoints the run never stops', async () => {
  const run = debugOnFake(chain, scripts, undefined, inputs);
  assert.equal((await run.handle.result).status, 'succeeded');
  assert.deepEqual(run.stops, []);
});

void test('stop on entry pauses before the first step; next pauses before each following step', async () => {
  const run = debugOnFake(chain, scripts, undefined, { ...inputs, stopOnEntry: true });
  assert.deepEqual([(await run.nextStop()).reason, run.stops[0]?.stepId], ['entry', 'a']);
  run.controller.next();
  const second = await run.nextStop();
  assert.deepEqual([second.reason, second.stepId], ['step', 'b']);
  assert.deepEqual(run.runtime.startOrder, ['a']);
  run.controller.next();
  assert.deepEqual((await run.nextStop()).stepId, 'c');
  run.controller.continue();
  assert.equal((await run.handle.result).status, 'succeeded');
  assert.equal(run.stops.length, 3);
});

void test('conditions, hit counts and logpoints', async () => {
  const run = debugOnFake(
    chain,
    scripts,
    (c) =>
      c.breakpoints.set('file', [
        { stepId: 'a', logMessage: 'a starts for ${inputs.who}' },
        { stepId: 'b', condition: '${steps.a.outputs.v}' },
        { stepId: 'c', condition: '${inputs.nothing}' },
        { stepId: 'c', hitCondition: '2' },
      ]),
    inputs,
  );
  const stop = await run.nextStop();
  assert.equal(stop.stepId, 'b', 'the logpoint on a printed without stopping; the condition on b held');
  assert.deepEqual(run.console, ['a starts for me\n']);
  run.controller.continue();
  assert.equal((await run.handle.result).status, 'succeeded');
  assert.equal(
    run.stops.length,
    1,
    'c: the condition has no value (false), the hit count is 2 (not reached)',
  );
  assert.match(run.console[1] ?? '', /condition on "c" is false: \$\{inputs.nothing\} has no value/);
});

void test('a hit count that is not understood is refused with the reason', () => {
  const run = debugOnFake(chain, scripts, undefined, inputs);
  const [answer] = run.controller.breakpoints.set('file', [{ stepId: 'a', hitCondition: 'often' }]);
  assert.equal(answer?.ok, false);
  run.controller.terminate();
});

void test('the failed filter stops after a failed step with its exit code and stderr; its dependents wait', async () => {
  const run = debugOnFake(chain, { a: { exitCode: 3, stderr: 'line 1\nboom\n' } }, undefined, inputs);
  const stop = await run.nextStop();
  assert.deepEqual([stop.reason, stop.stepId, stop.at, stop.filter], ['exception', 'a', 'after', 'failed']);
  assert.equal(stop.description, '"a" failed: exited with code 3');
  const a = run.controller.records.get('a');
  assert.deepEqual([a.exitCode, a.stderrTail()], [3, 'line 1\nboom']);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(run.events.filter((e) => e.type === 'stepFinished').length, 1, 'b is not skipped yet');
  run.controller.continue();
  const result = await run.handle.result;
  assert.deepEqual([result.steps.b?.status, result.steps.c?.status], ['skipped', 'skipped']);
});

void test('filters: skipped and timed_out stop when on; failed can be turned off; allow_failure never stops', async (t) => {
  useFastClock(t);
  const text = `name: f
container_config: { image: busybox }
steps:
  - { id: gate, command: ["x"], allow_failure: true }
  - { id: slow, command: ["x"], timeout_seconds: 1 }
  - { id: after, command: ["x"], depends_on: [slow] }
`;
  const run = debugOnFake(text, { gate: { exitCode: 1 }, slow: { runsFor: 'hang' } }, (c) => {
    c.exceptionFilters = new Set(['failed', 'timed_out', 'skipped']);
  });
  const first = await run.nextStop();
  assert.deepEqual([first.stepId, first.filter], ['slow', 'timed_out']);
  run.controller.continue();
  const second = await run.nextStop();
  assert.deepEqual([second.stepId, second.filter], ['after', 'skipped']);
  run.controller.continue();
  await run.handle.result;
  assert.equal(run.stops.length, 2, 'the allow_failure step did not stop');
});

void test('pause: no new step starts; it stops once the running step has ended, before the next one', async () => {
  const run = debugOnFake(chain, { a: { runsFor: 60, outputs: { v: 'x' } } }, undefined, inputs);
  await new Promise((resolve) => setTimeout(resolve, 20));
  run.controller.pause();
  const stop = await run.nextStop();
  assert.deepEqual([stop.reason, stop.stepId], ['pause', 'b']);
  assert.deepEqual(run.runtime.startOrder, ['a']);
  assert.equal(run.runtime.running.length, 0);
  run.controller.continue();
  assert.equal((await run.handle.result).status, 'succeeded');
});

void test('restart frame on a dependency runs it again, pausing before it, then the steps after it', async () => {
  const run = debugOnFake(
    chain,
    { a: [{ outputs: { v: 'first' } }, { outputs: { v: 'second' } }] },
    (c) => c.breakpoints.set('file', [{ stepId: 'b' }]),
    inputs,
  );
  await run.nextStop();
  assert.equal(run.controller.restartFrame('c'), '"c" is not "b" or a step it depends on.');
  assert.equal(run.controller.restartFrame('a'), undefined);
  const restarted = await run.nextStop();
  assert.deepEqual([restarted.reason, restarted.stepId], ['restart', 'a']);
  run.controller.continue();
  const again = await run.nextStop();
  assert.deepEqual([again.reason, again.stepId], ['breakpoint', 'b']);
  assert.deepEqual(run.controller.records.get('b').about?.spec.command, ['second']);
  run.controller.continue();
  assert.equal((await run.handle.result).status, 'succeeded');
  assert.deepEqual(run.runtime.startOrder, ['a', 'a', 'b', 'c']);
});

void test('restart frame on a failed step runs it again and, when it succeeds, the steps after it', async () => {
  const run = debugOnFake(chain, { a: [{ exitCode: 1 }, { outputs: { v: 'ok' } }] }, undefined, inputs);
  assert.equal((await run.nextStop()).reason, 'exception');
  assert.equal(run.controller.restartFrame('a'), undefined);
  assert.deepEqual([(await run.nextStop()).reason, run.stops[1]?.stepId], ['restart', 'a']);
  run.controller.continue();
  const result = await run.handle.result;
  assert.deepEqual(
    [result.status, result.steps.a?.status, result.steps.c?.status],
    ['succeeded', 'succeeded', 'succeeded'],
  );
});

void test('setEnvironment changes a waiting step for this run only; terminate cancels and removes everything', async () => {
  const run = debugOnFake(
    chain,
    scripts,
    (c) => c.breakpoints.set('f', [{ stepId: 'b' }, { stepId: 'c' }]),
    inputs,
  );
  await run.nextStop();
  assert.match(run.controller.setEnvironment('c', 'X', '1') ?? '', /not waiting to start/);
  assert.equal(run.controller.setEnvironment('b', 'WHO', 'you'), undefined);
  run.controller.continue();
  await run.nextStop();
  assert.equal(run.runtime.containers.find((c) => c.stepId === 'b')?.spec.env.WHO, 'you');
  run.controller.terminate();
  const result = await run.handle.result;
  assert.deepEqual([result.status, result.steps.c?.status], ['cancelled', 'cancelled']);
  assert.deepEqual(await run.runtime.listContainers({ 'dagger-wf.run': run.handle.runId }), []);
});
