import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IMAGE, ms, requireTestImage, runToEnd, workspace } from './run-helpers.js';

before(requireTestImage);

void test('diamond DAG: the two middle steps overlap, the join starts after both', async () => {
  const dir = workspace({
    'diamond.dagger.yaml': `
name: diamond
container_config: { image: ${IMAGE} }
steps:
  - { id: top, command: ["true"] }
  - { id: left, command: [sleep, "3"], depends_on: [top] }
  - { id: right, command: [sleep, "3"], depends_on: [top] }
  - { id: bottom, command: ["true"], depends_on: [left, right] }
`,
  });
  const { result, events } = await runToEnd({
    workflowFile: join(dir, 'diamond.dagger.yaml'),
    maxParallel: 4,
  });
  assert.equal(result.status, 'succeeded');
  // Listeners attached right after startRun see the whole story, in order.
  assert.equal(events[0].type, 'runStarted');
  assert.equal(events.at(-1)?.type, 'runFinished');
  for (const id of ['top', 'left', 'right', 'bottom']) {
    const mine = events.filter((e) => 'stepId' in e && e.stepId === id).map((e) => e.type);
    assert.deepEqual(mine, ['stepStarted', 'containerStarted', 'stepFinished'], id);
  }
  const { top, left, right, bottom } = result.steps;
  assert.ok(ms(left.started_at) >= ms(top.finished_at) && ms(right.started_at) >= ms(top.finished_at));
  assert.ok(
    ms(left.started_at) < ms(right.finished_at) && ms(right.started_at) < ms(left.finished_at),
    'left and right overlap',
  );
  assert.ok(ms(bottom.started_at) >= Math.max(ms(left.finished_at), ms(right.finished_at)));
});

void test('eager start: a slow sibling does not delay a step whose own dependency is done', async () => {
  const dir = workspace({
    'eager.dagger.yaml': `
name: eager
container_config: { image: ${IMAGE} }
steps:
  - { id: slow, command: [sleep, "4"] }
  - { id: fast, command: ["true"] }
  - { id: after-fast, command: ["true"], depends_on: [fast] }
  - { id: after-slow, command: ["true"], depends_on: [slow] }
`,
  });
  const { result } = await runToEnd({ workflowFile: join(dir, 'eager.dagger.yaml'), maxParallel: 4 });
  assert.equal(result.status, 'succeeded');
  // In waves, after-fast would wait for the whole first level (slow included).
  assert.ok(ms(result.steps['after-fast'].finished_at) < ms(result.steps.slow.finished_at));
  assert.ok(ms(result.steps['after-slow'].started_at) >= ms(result.steps.slow.finished_at));
});

void test('max-parallel 1 runs independent steps one after another', async () => {
  const dir = workspace({
    'serial.dagger.yaml': `
name: serial
container_config: { image: ${IMAGE} }
steps:
  - { id: a, command: [sleep, "0.3"] }
  - { id: b, command: [sleep, "0.3"] }
`,
  });
  const { result } = await runToEnd({ workflowFile: join(dir, 'serial.dagger.yaml'), maxParallel: 1 });
  assert.ok(ms(result.steps.b.started_at) >= ms(result.steps.a.finished_at));
});

void test('onlySteps runs the chosen step and its dependencies, nothing else', async () => {
  const dir = workspace({
    'only.dagger.yaml': `
name: only
container_config: { image: ${IMAGE} }
steps:
  - { id: base, command: ["true"] }
  - { id: wanted, command: ["true"], depends_on: [base] }
  - { id: other, command: ["true"] }
`,
  });
  const { result } = await runToEnd({ workflowFile: join(dir, 'only.dagger.yaml'), onlySteps: ['wanted'] });
  assert.deepEqual(Object.keys(result.steps), ['base', 'wanted']);
  assert.equal(result.status, 'succeeded');
});

void test('the text of an unsaved editor wins over the file on disk; relative paths still use its folder', async () => {
  const dir = workspace({
    'edited.dagger.yaml': `name: on disk\nsteps:\n  - { id: old, image: ${IMAGE}, command: ["true"] }\n`,
    'data/word.txt': 'unsaved',
  });
  const text = `name: in the editor
steps:
  - id: new
    image: ${IMAGE}
    command: [cat, /data/word.txt]
    volumes: [{ source: data, target: /data }]
`;
  const run = await runToEnd({ workflowFile: join(dir, 'edited.dagger.yaml'), text });
  assert.deepEqual(Object.keys(run.result.steps), ['new']);
  assert.equal(run.log('new'), 'unsaved');
  const started = run.events[0];
  assert.equal(started.type === 'runStarted' && started.workflowName, 'in the editor');
});
