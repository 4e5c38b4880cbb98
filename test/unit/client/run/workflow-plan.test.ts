import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { plannedSteps, workflowDisplayName } from '../../../../client/run/workflow-plan.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputQuestions } from '../../../../client/commands/input-questions.js';
import { prepareRun } from '../../../../core/run/prepare-run.js';
import { InputError } from '../../../../core/run/run-errors.js';

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
    {
      name: 'who',
      description: 'Reader',
      defaultValue: 'team',
      required: false,
      secret: false,
      refusesEmpty: undefined,
    },
    {
      name: 'token',
      description: undefined,
      defaultValue: undefined,
      required: true,
      secret: true,
      refusesEmpty: 'required input "token" is missing',
    },
  ]);
  const undeclared = parseWorkflow(
    'steps:\n  - id: a\n    command: ["echo", "${inputs.x}", "${inputs.y}", "${inputs.x}"]\n',
  );
  assert.deepEqual(
    inputQuestions(undeclared).map((q) => q.name),
    ['x', 'y'],
  );
});

void test('an empty answer is refused exactly when the run would be, in the words of dagger-wf run', () => {
  const workflow = parseWorkflow(`
inputs:
  region: {}
  zone: {}
  spare: {}
  tier: { default: gold }
container_config: { image: alpine }
steps:
  - id: deploy
    command: ["deploy", "\${inputs.region}", "\${inputs.tier}"]
  - id: pin
    command: ["pin", "\${inputs.zone}"]
`);
  const refusals = (onlySteps?: string[]) =>
    Object.fromEntries(inputQuestions(workflow, onlySteps).map((q) => [q.name, q.refusesEmpty]));
  assert.deepEqual(refusals(), {
    region: 'input "region" is used but has no value or default',
    zone: 'input "zone" is used but has no value or default',
    spare: undefined,
    tier: undefined,
  });
  // Run Step: only the inputs of the steps that run count.
  assert.equal(refusals(['deploy']).zone, undefined);
  // The runner's own refusal, for the same workflow without values.
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-inputs-'));
  try {
    assert.throws(
      () =>
        prepareRun({ workflowFile: join(dir, 'wf.dagger.yaml'), text: workflow.source.text, hostEnv: {} }),
      (error: unknown) =>
        error instanceof InputError &&
        error.problems.join('\n') ===
          [
            'input "region" is used but has no value or default (pass --input region=…)',
            'input "zone" is used but has no value or default (pass --input zone=…)',
          ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
