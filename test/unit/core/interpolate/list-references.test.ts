import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listReferences } from '../../../../core/interpolate/list-references.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';

const text = `container_config:
  image: "registry/\${inputs.image}"
steps:
  - id: build
    image: alpine:3.19
    command: ["echo", "\${API_KEY}"]
    environment:
      SINGLE: 'it''s \${inputs.who}'
      BLOCK: |
        line one
        \${steps.build.outputs.x}
    volumes:
      - source: \${HOME:-/root}/src
        target: /src
outputs:
  - name: result
    value: "\${steps.build.outputs.version}"
`;

void test('every ${…} of a workflow, with the exact document span and the field that holds it', () => {
  const workflow = parseWorkflow(text);
  const references = listReferences(workflow);
  const described = references.map((reference) => {
    const site = reference.site;
    const where =
      site.scope === 'step'
        ? `step ${site.step.id?.value} ${site.field}${site.environmentKey ? ` ${site.environmentKey}` : ''}`
        : site.scope === 'output'
          ? `output ${site.outputIndex} ${site.field}`
          : `container_config ${site.field}`;
    return [where, text.slice(reference.span.start, reference.span.end), reference.reference.kind];
  });
  assert.deepEqual(described, [
    ['container_config image', '${inputs.image}', 'input'],
    ['step build command', '${API_KEY}', 'env'],
    ['step build environment SINGLE', '${inputs.who}', 'input'],
    ['step build environment BLOCK', '${steps.build.outputs.x}', 'step-output'],
    ['step build volume.source', '${HOME:-/root}', 'env'],
    ['output 0 output.value', '${steps.build.outputs.version}', 'step-output'],
  ]);
  for (const reference of references) {
    assert.equal(text.slice(reference.innerSpan.start, reference.innerSpan.end), reference.expression);
  }
});

void test('a workflow without ${…} has no references', () => {
  assert.deepEqual(listReferences(parseWorkflow('steps:\n  - id: a\n    image: alpine\n')), []);
});
