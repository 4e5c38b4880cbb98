import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IMAGE, ms, requireTestImage, runToEnd, workspace, stepOf } from './run-helpers.js';

before(requireTestImage);

// Steps meet through files on a shared volume instead of sleeping: each test passes only when the steps
// really run as claimed, however slow the machine (in waves or in series they would wait for each other
// until timeout_seconds ends them).
const waitForFile = (name: string) => `until [ -e /shared/${name} ]; do sleep 0.05; done`;

void test('diamond DAG: the two middle steps overlap, the join starts after both', async () => {
  const dir = workspace({
    'shared/.keep': '',
    'diamond.dagger.yaml': `
name: diamond
container_config:
  image: ${IMAGE}
  timeout_seconds: 60
  volumes: [{ source: ./shared, target: /shared }]
steps:
  - { id: top, command: ["true"] }
  - { id: left, command: [sh, -c, "touch /shared/left; ${waitForFile('right')}"], depends_on: [top] }
  - { id: right, command: [sh, -c, "touch /shared/right; ${waitForFile('left')}"], depends_on: [top] }
  - { id: bottom, command: ["true"], depends_on: [left, right] }
`,
  });
  const { result, events } = await runToEnd({
    workflowFile: join(dir, 'diamond.dagger.yaml'),
    maxParallel: 4,
  });
  assert.equal(result.status, 'succeeded', JSON.stringify(result.steps));
  // Listeners attached right after startRun see the whole story, in order.
  assert.equal(events[0]?.type, 'runStarted');
  assert.equal(events.at(-1)?.type, 'runFinished');
  for (const id of ['top', 'left', 'right', 'bottom']) {
    const mine = events.filter((e) => 'stepId' in e && e.stepId === id).map((e) => e.type);
    assert.deepEqual(mine, ['stepStarted', 'containerStarted', 'stepFinished'], id);
  }
  const top = stepOf(result, 'top');
  const left = stepOf(result, 'left');
  const right = stepOf(result, 'right');
  const bottom = stepOf(result, 'bottom');
  assert.ok(ms(left.started_at) >= ms(top.finished_at) && ms(right.started_at) >= ms(top.finished_at));
  // Each middle step waited for the other's file: they ran at the same time.
  assert.ok(
    ms(left.started_at) <= ms(right.finished_at) && ms(right.started_at) <= ms(left.finished_at),
    'left and right overlap',
  );
  assert.ok(ms(bottom.started_at) >= Math.max(ms(left.finished_at), ms(right.finished_at)));
});

void test('eager start: a slow sibling does not delay a step whose own dependency is done', async () => {
  const dir = workspace({
    'shared/.keep': '',
    'eager.dagger.yaml': `
name: eager
container_config:
  image: ${IMAGE}
  timeout_seconds: 60
  volumes: [{ source: ./shared, target: /shared }]
steps:
  - { id: slow, command: [sh, -c, "${waitForFile('after-fast')}"] }
  - { id: fast, command: ["true"] }
  - { id: after-fast, command: [touch, /shared/after-fast], depends_on: [fast] }
  - { id: after-slow, command: ["true"], depends_on: [slow] }
`,
  });
  const { result } = await runToEnd({ workflowFile: join(dir, 'eager.dagger.yaml'), maxParallel: 4 });
  // In waves, after-fast would wait for the whole first level, and slow waits for after-fast.
  assert.equal(result.status, 'succeeded', JSON.stringify(result.steps));
  // after-fast ran while slow was still running. (Their finish times are stamped when the runner sees each exit,
  // and those two exits can be seen in either order on a loaded engine.)
  assert.ok(ms(stepOf(result, 'after-fast').started_at) <= ms(stepOf(result, 'slow').finished_at));
  assert.ok(ms(stepOf(result, 'after-slow').started_at) >= ms(stepOf(result, 'slow').finished_at));
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
  assert.ok(ms(stepOf(result, 'b').started_at) >= ms(stepOf(result, 'a').finished_at));
});

void test('unusable settings (NaN parallelism, a negative default timeout) fall back to the defaults', async () => {
  const dir = workspace({
    'settings.dagger.yaml': `
name: settings
container_config: { image: ${IMAGE} }
steps:
  - { id: a, command: [sleep, "0.2"] }
  - { id: b, command: ["true"], depends_on: [a] }
`,
  });
  const { result } = await runToEnd({
    workflowFile: join(dir, 'settings.dagger.yaml'),
    maxParallel: Number.NaN,
    defaultTimeoutSeconds: -5,
  });
  assert.deepEqual(
    [result.status, stepOf(result, 'a').status, stepOf(result, 'b').status],
    ['succeeded', 'succeeded', 'succeeded'],
  );
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
  assert.equal(started?.type === 'runStarted' && started.workflowName, 'in the editor');
});
