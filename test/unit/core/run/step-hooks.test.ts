// The run session's step hooks (core/run/step-hooks.ts) on the fake runtime: the debugger's gate and what a step
// cache will use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepAboutToStart, StepEnded } from '../../../../core/run/step-hooks.js';
import { startOnFake, until } from '../../support/run-on-fake.js';

const chain = `name: t
container_config: { image: busybox, environment: { GREETING: "hi \${inputs.who}" } }
steps:
  - { id: a, command: ["x"] }
  - { id: b, command: ["\${steps.a.outputs.v}"], depends_on: [a] }
`;

void test('beforeStep sees resolved values and may change the environment for this run only', async () => {
  const seen: StepAboutToStart[] = [];
  const run = startOnFake(
    chain,
    { a: { outputs: { v: 'from-a' } } },
    {
      inputs: { who: 'you' },
      hooks: {
        beforeStep: (step) => {
          seen.push(step);
          const env = step.stepId === 'b' ? { ...step.spec.env, GREETING: 'changed' } : step.spec.env;
          return Promise.resolve({ action: 'run', spec: { ...step.spec, env } });
        },
      },
    },
  );
  await run.handle.result;
  assert.deepEqual(
    seen.map((s) => [s.stepId, s.spec.command, s.spec.env.GREETING]),
    [
      ['a', ['x'], 'hi you'],
      ['b', ['from-a'], 'hi you'],
    ],
  );
  const b = run.runtime.containers.find((c) => c.stepId === 'b');
  assert.equal(b?.spec.env.GREETING, 'changed');
});

void test('beforeStep may end a step with an outcome without starting a container (a cached result)', async () => {
  const run = startOnFake(
    chain,
    {},
    {
      inputs: { who: 'x' },
      hooks: {
        beforeStep: (step) =>
          Promise.resolve(
            step.stepId === 'a'
              ? {
                  action: 'finish',
                  outcome: { status: 'succeeded', exitCode: 0, attempts: 0, outputs: { v: 'cached' } },
                }
              : { action: 'run' },
          ),
      },
    },
  );
  const result = await run.handle.result;
  assert.equal(result.steps.a?.status, 'succeeded');
  assert.deepEqual(run.runtime.startOrder, ['b']);
  assert.deepEqual(run.runtime.containers[0]?.spec.command, ['cached']);
});

void test('a step held by beforeStep does not start; a cancel meanwhile ends the run at once', async () => {
  const run = startOnFake(
    chain,
    {},
    {
      inputs: { who: 'x' },
      hooks: { beforeStep: () => new Promise(() => undefined) },
    },
  );
  await until(() => run.events.some((e) => e.type === 'runStarted'), 'the run to start');
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(run.runtime.containers, []);
  run.handle.cancel();
  const result = await run.handle.result;
  assert.deepEqual(
    [result.status, result.steps.a?.status, result.steps.b?.status],
    ['cancelled', 'cancelled', 'cancelled'],
  );
});

void test('afterStep holds the run: nothing starts or is skipped until it resolves; rerunSteps runs steps again', async () => {
  const ended: StepEnded[] = [];
  let release: () => void = () => undefined;
  let rerun = true;
  const run = startOnFake(
    chain,
    { a: [{ exitCode: 1 }, { outputs: { v: 'again' } }] },
    {
      inputs: { who: 'x' },
      hooks: {
        afterStep: (step) => {
          ended.push(step);
          if (step.stepId !== 'a' || !rerun) return;
          rerun = false;
          return new Promise<void>((resolve) => (release = resolve));
        },
      },
    },
  );
  await until(() => ended.length === 1, 'a to fail');
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(ended.length, 1, 'b is not skipped while the hook holds the run');
  run.handle.rerunSteps(['a']);
  release();
  const result = await run.handle.result;
  assert.deepEqual(
    ended.map((e) => [e.stepId, e.status]),
    [
      ['a', 'failed'],
      ['a', 'succeeded'],
      ['b', 'succeeded'],
    ],
  );
  assert.equal(result.status, 'succeeded');
  assert.deepEqual(run.runtime.containers.at(-1)?.spec.command, ['again']);
});

void test('requeue puts a step back to pending: it starts again when asked', async () => {
  let asked = 0;
  const run = startOnFake(
    chain,
    { a: { outputs: { v: '1' } } },
    {
      inputs: { who: 'x' },
      hooks: {
        beforeStep: (step) =>
          Promise.resolve(step.stepId === 'a' && asked++ === 0 ? { action: 'requeue' } : { action: 'run' }),
      },
    },
  );
  const result = await run.handle.result;
  assert.equal(result.status, 'succeeded');
  assert.equal(asked, 2);
  assert.deepEqual(run.runtime.startOrder, ['a', 'b']);
});
