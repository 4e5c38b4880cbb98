// Every New Workflow template gives a workflow that validates clean, whatever (valid) name it is given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import {
  DEFAULT_TEMPLATE_IMAGE,
  renderTemplate,
  WORKFLOW_TEMPLATES,
} from '../../../../core/templates/workflow-templates.js';
import { validateText } from '../../../../core/validate/validate-workflow.js';

void test('New Workflow offers the four templates of the issue, in order', () => {
  assert.deepEqual(
    WORKFLOW_TEMPLATES.map((template) => template.id),
    ['empty', 'diamond', 'gate', 'build-test'],
  );
});

for (const template of WORKFLOW_TEMPLATES) {
  for (const name of ['build', 'my-pipeline_2', '1.0', 'true', 'null', 'Hello diamond']) {
    void test(`template "${template.id}" named ${JSON.stringify(name)} validates clean`, () => {
      const text = renderTemplate(template, {
        name,
        image: DEFAULT_TEMPLATE_IMAGE,
        header: ['Made by New Workflow', ''],
      });
      assert.deepEqual(validateText(text), []);
      assert.equal(parseWorkflow(text).name?.value, name, 'the name reads back as written');
    });
  }
}

void test('the diamond template is the diamond of the spec: one root, two parallel steps, one join', () => {
  const diamond = WORKFLOW_TEMPLATES.find((template) => template.id === 'diamond');
  assert.ok(diamond);
  const workflow = parseWorkflow(renderTemplate(diamond, { name: 'd', image: 'x', header: [] }));
  const edges = workflow.steps.map((step) => [
    step.id?.value,
    (step.dependsOn?.items ?? []).map((item) => item.value),
  ]);
  assert.deepEqual(edges, [
    ['greet', []],
    ['count-letters', ['greet']],
    ['shout', ['greet']],
    ['report', ['count-letters', 'shout']],
  ]);
});
