import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { validateStep, type StepInput } from '../../../../core/validate/validate-step.js';
import { validateText, validateWorkflow } from '../../../../core/validate/validate-workflow.js';

const text = `steps:
  - id: build
    image: alpine:3.19
    command: []
  - just a string
  - id: test
    depends_on: [biuld]
`;

void test('step-local checks go through options.validateStep, once per item of steps (a cache can sit there)', () => {
  const seen: number[] = [];
  const counting = (input: StepInput) => {
    seen.push(input.index);
    return validateStep(input);
  };
  const workflow = parseWorkflow(text);
  assert.deepEqual(validateWorkflow(workflow, { validateStep: counting }), validateWorkflow(workflow));
  assert.deepEqual(seen, [0, 1, 2]);
});

void test('diagnostics come sorted by position, with the severity of their code', () => {
  const diagnostics = validateText(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
    [
      ['DW015', 'error', 3],
      ['DW003', 'error', 4],
      ['DW014', 'error', 5],
      ['DW011', 'error', 6],
    ],
  );
});

void test('validateText never throws, whatever the input', () => {
  for (const input of [
    '',
    '\u0000\u0001',
    ':',
    '- - -',
    '{',
    '"',
    'steps: !!binary abc',
    'a: &x [*x]\nsteps: *x',
  ]) {
    assert.doesNotThrow(() => validateText(input), JSON.stringify(input));
  }
});

void test('step outputs along a long chain: transitive dependencies are known, others are DW022', () => {
  const lines = ['steps:', '  - id: root', '    image: alpine'];
  for (let i = 0; i < 300; i++) {
    lines.push(`  - id: s${i}`, '    image: alpine', `    depends_on: [${i ? `s${i - 1}` : 'root'}]`);
    lines.push('    environment:', '      V: "${steps.root.outputs.v}"');
  }
  lines.push(
    '  - id: side',
    '    image: alpine',
    '    depends_on: [root]',
    '    command: ["${steps.s299.outputs.v}"]',
  );
  const diagnostics = validateText(lines.join('\n'));
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message]),
    [
      [
        'DW022',
        'step "side" uses the output of step "s299" but does not depend on it (add "s299" to depends_on)',
      ],
    ],
  );
});
