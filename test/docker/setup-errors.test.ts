import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { InputError, InvalidWorkflowError, MissingVariablesError } from '../../core/run/run-errors.js';
import { startRun } from '../../core/run/run-workflow.js';
import { IMAGE, runtime, workspace } from './run-helpers.js';

/** Start a run and expect it to be refused before anything is emitted or started. */
async function refused(
  yaml: string,
  options: { inputs?: Record<string, string>; hostEnv?: Record<string, string> } = {},
) {
  const dir = workspace({ 'wf.dagger.yaml': yaml });
  const handle = startRun({ workflowFile: join(dir, 'wf.dagger.yaml'), runtime, hostEnv: {}, ...options });
  const events: string[] = [];
  handle.onEvent((event) => events.push(event.type));
  const error = await handle.result.then(
    () => assert.fail('the run was not refused'),
    (reason: unknown) => reason,
  );
  assert.deepEqual(events, []);
  assert.deepEqual(await runtime.listContainers({ 'dagger-wf.run': handle.runId }), []);
  return { error, dir };
}

void test('an invalid workflow is refused with its diagnostics', async () => {
  const { error, dir } = await refused(`
name: cyclic
container_config: { image: ${IMAGE} }
steps:
  - { id: a, command: ["true"], depends_on: [b] }
  - { id: b, command: ["true"], depends_on: [a] }
`);
  assert.ok(error instanceof InvalidWorkflowError);
  assert.equal(error.workflowFile, join(dir, 'wf.dagger.yaml'));
  assert.ok(error.diagnostics.some((d) => d.code === 'DW013'));
  assert.ok(error.diagnostics.every((d) => d.severity === 'error'));
});

void test('host variables without value or default are listed all at once', async () => {
  const { error } = await refused(
    `
name: vars
steps:
  - id: a
    image: ${IMAGE}
    command: [echo, "\${ZETA} \${ALPHA} \${SET} \${WITH_DEFAULT:-x}"]
    environment: { B: "\${BETA}" }
`,
    { hostEnv: { SET: 'yes' } },
  );
  assert.ok(error instanceof MissingVariablesError);
  assert.deepEqual(error.names, ['ALPHA', 'BETA', 'ZETA']);
  assert.equal(error.message, 'environment variables not set and without default: ALPHA, BETA, ZETA');
});

void test('missing required inputs and unknown inputs are refused', async () => {
  const { error } = await refused(
    `
name: inputs
inputs:
  target: { required: true }
  level: { default: "1" }
steps:
  - { id: a, image: ${IMAGE}, command: [echo, "\${inputs.target} \${inputs.level}"] }
`,
    { inputs: { levle: '2' } },
  );
  assert.ok(error instanceof InputError);
  assert.deepEqual(error.problems, [
    'unknown input "levle" (declared: target, level)',
    'required input "target" is missing (pass --input target=…)',
  ]);
});

void test('without inputs: declarations, every ${inputs.x} used must be given', async () => {
  const { error } = await refused(`
name: undeclared
steps:
  - { id: a, image: ${IMAGE}, command: [echo, "\${inputs.name}"] }
`);
  assert.ok(error instanceof InputError);
  assert.deepEqual(error.problems, ['input "name" is used but not given (pass --input name=…)']);
});

void test('an input named like an inherited property (toString) still has to be given', async () => {
  const { error } = await refused(`
name: inherited
steps:
  - { id: a, image: ${IMAGE}, command: [echo, "\${inputs.toString}"] }
`);
  assert.ok(error instanceof InputError);
  assert.deepEqual(error.problems, ['input "toString" is used but not given (pass --input toString=…)']);
});
