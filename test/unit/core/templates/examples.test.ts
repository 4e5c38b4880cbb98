// examples/ holds the New Workflow templates rendered with the local test image, so the two cannot drift:
// this test fails when they differ. To change an example, change its template and regenerate:
//   UPDATE_EXAMPLES=1 node --import tsx --test test/unit/core/templates/examples.test.ts
// (test/docker/examples.test.ts runs every example on the Docker engine.)
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import {
  renderTemplate,
  WORKFLOW_TEMPLATES,
  type WorkflowTemplate,
} from '../../../../core/templates/workflow-templates.js';

const EXAMPLES = resolve(__dirname, '../../../../examples');
/** scripts/ci/build-test-images.sh builds it: CI machines reach no registry. */
const TEST_IMAGE = 'dagger-test/busybox:latest';

/** The example's text: the template with the test image, and a header saying where it comes from. */
function exampleText(template: WorkflowTemplate): string {
  return renderTemplate(template, {
    name: template.example.name,
    image: TEST_IMAGE,
    header: [
      `The "${template.label}" template of Dagger: New Workflow, on the local test image.`,
      'Generated from core/templates/workflow-templates.ts: edit the template, then run',
      '  UPDATE_EXAMPLES=1 node --import tsx --test test/unit/core/templates/examples.test.ts',
      `Run it: node dist/cli.js run examples/${template.example.file}`,
    ],
  });
}

for (const template of WORKFLOW_TEMPLATES) {
  void test(`examples/${template.example.file} is the "${template.id}" template`, () => {
    const file = join(EXAMPLES, template.example.file);
    if (process.env.UPDATE_EXAMPLES) writeFileSync(file, exampleText(template));
    assert.equal(
      readFileSync(file, 'utf8'),
      exampleText(template),
      `examples/${template.example.file} differs from its template (regenerate it: see the top of this test)`,
    );
  });
}
