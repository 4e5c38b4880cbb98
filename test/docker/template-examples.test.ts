// The examples made from the New Workflow templates (examples/template-*.dagger.yaml, the templates on the local
// test image) run on the Docker engine: each to success with its default inputs, every output it declares set;
// the gate's closed side skips the tests without failing the run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { parseWorkflow } from '../../core/parse/parse-workflow.js';
import { WORKFLOW_TEMPLATES } from '../../core/templates/workflow-templates.js';
import { requireTestImage, runToEnd } from './run-helpers.js';

const EXAMPLES = resolve(__dirname, '../../examples');

before(requireTestImage);

for (const { example } of WORKFLOW_TEMPLATES) {
  void test(`examples/${example.file} runs to success and sets every output it declares`, async () => {
    const workflowFile = join(EXAMPLES, example.file);
    const run = await runToEnd({ workflowFile });
    const failed = Object.entries(run.result.steps).filter(([, step]) => step.status !== 'succeeded');
    assert.deepEqual(failed, [], 'every step succeeded');
    assert.equal(run.result.status, 'succeeded');
    const declared = parseWorkflow(readFileSync(workflowFile, 'utf8')).outputs.map(
      (output) => output.name?.value,
    );
    assert.deepEqual(Object.keys(run.result.outputs).sort(), declared.sort());
  });
}

void test('the gate example with run_tests=false skips the tests, builds, and the run succeeds', async () => {
  const gate = WORKFLOW_TEMPLATES.find((template) => template.id === 'gate');
  assert.ok(gate);
  const run = await runToEnd({
    workflowFile: join(EXAMPLES, gate.example.file),
    inputs: { run_tests: 'false' },
  });
  assert.equal(run.result.steps['check-condition']?.status, 'failed');
  assert.equal(run.result.steps['run-tests']?.status, 'skipped');
  assert.equal(run.result.steps.build?.status, 'succeeded');
  assert.equal(run.result.status, 'succeeded');
});
