// Where a breakpoint on a line goes, and the Debug Console's `${…}` evaluation and completion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OUTSIDE_STEPS, stepAtLine } from '../../../../core/debug/step-lines.js';
import {
  completeExpression,
  conditionHolds,
  renderExpression,
} from '../../../../core/debug/debug-expressions.js';
import { parseHitCondition } from '../../../../core/debug/hit-condition.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';

const text = `name: lines        # 0
steps:             # 1
  - id: build      # 2
    image: busybox # 3
    command:       # 4
      - make       # 5

  # between       # 7
  - name: no id    # 8
    image: busybox # 9
  - { id: flow, image: busybox } # 10
`;

void test('any line of a step moves to its - id: line; lines outside steps and steps without id are refused', () => {
  const workflow = parseWorkflow(text);
  for (const line of [2, 3, 4, 5])
    assert.deepEqual(stepAtLine(workflow, line), { ok: true, stepId: 'build', line: 2 });
  assert.deepEqual(stepAtLine(workflow, 10), { ok: true, stepId: 'flow', line: 10 });
  for (const line of [0, 1, 6, 7])
    assert.deepEqual(stepAtLine(workflow, line), { ok: false, message: OUTSIDE_STEPS });
  assert.deepEqual(stepAtLine(workflow, 9), { ok: false, message: 'Step 2 has no id, so it cannot run.' });
});

const context = {
  env: { HOME: '/root', TOKEN: 'hunter22' },
  inputs: { who: 'me', flag: 'false' },
  stepOutputs: { build: { digest: 'sha256:1', tag: 'v1' } },
};
const mask = (value: string) => value.replaceAll('hunter22', '***');

void test('expressions render as in the workflow file, bare references too, secrets masked', () => {
  assert.deepEqual(renderExpression('${inputs.who}', context, mask), { ok: true, value: 'me' });
  assert.deepEqual(renderExpression('steps.build.outputs.tag', context, mask), { ok: true, value: 'v1' });
  assert.deepEqual(renderExpression('token=${TOKEN}', context, mask), { ok: true, value: 'token=***' });
  assert.deepEqual(renderExpression('${steps.test.outputs.x}', context, mask), {
    ok: false,
    message: '${steps.test.outputs.x} has no value (step "test" has not succeeded yet in this run)',
  });
  assert.equal(renderExpression('${inputs.who', context, mask).ok, false);
  assert.equal(conditionHolds(renderExpression('${inputs.flag}', context, mask)), false);
  assert.equal(conditionHolds(renderExpression('${inputs.who}', context, mask)), true);
  assert.equal(conditionHolds(renderExpression('${NOPE:-0}', context, mask)), false);
});

void test('completion of prefixes, step ids, output keys, inputs and variables', () => {
  const labels = (before: string) => completeExpression(before, context).map((item) => item.label);
  assert.deepEqual(labels('${'), ['inputs', 'steps', 'HOME', 'TOKEN']);
  assert.deepEqual(labels('${steps.'), ['build']);
  assert.deepEqual(completeExpression('${steps.b', context)[0], {
    label: 'build',
    text: 'build.outputs.',
    length: 1,
    kind: 'step',
  });
  assert.deepEqual(labels('${steps.build.outputs.'), ['digest', 'tag']);
  assert.deepEqual(labels('echo ${inputs.w'), ['who']);
  assert.deepEqual(labels('${inputs.who} done'), []);
});

void test('hit conditions', () => {
  const hits = (text: string) => {
    const test = parseHitCondition(text);
    assert.equal(typeof test, 'function', text);
    return [1, 2, 3, 4].filter((n) => (test as (n: number) => boolean)(n));
  };
  assert.deepEqual(hits('2'), [2]);
  assert.deepEqual(hits('== 3'), [3]);
  assert.deepEqual(hits('>= 3'), [3, 4]);
  assert.deepEqual(hits('< 2'), [1]);
  assert.deepEqual(hits('%2'), [2, 4]);
  assert.equal(typeof parseHitCondition('sometimes'), 'string');
});
