// Every export validates against Argo Workflows' official JSON schema (v4.1.2) with its object definitions
// closed, and passes the exporter's own check of Argo's rules the schema does not carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { checkArgoManifest } from '../../../../core/export/check-argo-manifest.js';
import { argoSchemaErrors } from './support/argo-schema.js';
import { exportForTests, goldenWorkflows, seedWorkflows } from './support/golden-exports.js';

for (const { name, file } of [...goldenWorkflows(), ...seedWorkflows()]) {
  void test(`${name}: the export is a valid Argo Workflow`, () => {
    const { yaml, manifest } = exportForTests(file);
    // The YAML as a cluster reads it (anchors resolved), not just the object it was made from.
    assert.deepEqual(argoSchemaErrors(parse(yaml)), []);
    assert.deepEqual(parse(yaml), JSON.parse(JSON.stringify(manifest)));
    assert.deepEqual(checkArgoManifest(manifest), []);
  });
}

void test('negative control: the closed schema catches a misspelt field and a number where Argo wants a string', () => {
  const manifest = parse(exportForTests(goldenWorkflows()[0]?.file ?? '').yaml) as {
    spec: { templates: Record<string, unknown>[] };
  };
  const dag = manifest.spec.templates[0] as { dag: { tasks: Record<string, unknown>[] } };
  const task = dag.dag.tasks[1] ?? {};
  task.dependss = task.depends;
  delete task.depends;
  const step = manifest.spec.templates[1] ?? {};
  step.activeDeadlineSeconds = 60;
  const errors = argoSchemaErrors(manifest);
  assert.ok(
    errors.some((error) => error.includes('must NOT have additional properties (dependss)')),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((error) => error.endsWith('activeDeadlineSeconds must be string')),
    errors.join('\n'),
  );
});
