import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { plannedSteps, workflowDisplayName } from '../../../../client/run/workflow-plan.js';
import { inputQuestions } from '../../../../client/commands/input-questions.js';

const diamond = parseWorkflow(`
steps:
  - id: report
    depends_on: [test, lint]
  - id: test
    depends_on: [build]
  - id: lint
  - id: build
`);

void test('the tree lists steps in topological order; Run Step keeps the step and its dependencies', () => {
  const order = plannedSteps(diamond);
  assert.ok(order.indexOf('build') < order.indexOf('test'));
  assert.ok(order.indexOf('test') < order.indexOf('report'));
  assert.ok(order.indexOf('lint') < order.indexOf('report'));
  assert.deepEqual(plannedSteps(diamond, ['test']), ['build', 'test']);
});

void test('the display name is name:, else the file name without .dagger.yaml', () => {
  assert.equal(workflowDisplayName(diamond, '/w/ci/nightly.dagger.yaml'), 'nightly');
  assert.equal(
    workflowDisplayName(parseWorkflow('name: Nightly\nsteps: []\n'), '/w/x.dagger.yaml'),
    'Nightly',
  );
});

void test('inputs to ask for: the declared ones, else every ${inputs.x} referenced', () => {
  const declared = parseWorkflow(`
inputs:
  who: { description: Reader, default: team }
  token: { secret: true, required: true }
steps: []
`);
  assert.deepEqual(inputQuestions(declared), [
    { name: 'who', description: 'Reader', defaultValue: 'team', required: false, secret: false },
    { name: 'token', description: undefined, defaultValue: undefined, required: true, secret: true },
  ]);
  const undeclared = parseWorkflow(
    'steps:\n  - id: a\n    command: ["echo", "${inputs.x}", "${inputs.y}", "${inputs.x}"]\n',
  );
  assert.deepEqual(
    inputQuestions(undeclared).map((q) => q.name),
    ['x', 'y'],
  );
});
