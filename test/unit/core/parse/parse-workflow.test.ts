import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { Workflow } from '../../../../core/model/workflow.js';
import { parseInOnePiece, parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { validateText, validateWorkflow } from '../../../../core/validate/validate-workflow.js';
import { generateWorkflow } from '../../../lsp/support/generate-workflow.js';

/** The model without the yaml it was read from: what every feature reads. */
function comparable(workflow: Workflow): unknown {
  return { ...workflow, yaml: undefined, source: workflow.source.text };
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** The generated workflow with `line` put in before the line that starts step `id`. */
function withLineBefore(text: string, id: string, line: string): string {
  const at = text.indexOf(`  - id: ${id}\n`);
  return text.slice(0, at) + line + text.slice(at);
}

void describe('parseWorkflow reads the items of steps one by one', () => {
  void test('a file without syntax problems reads exactly as in one piece (every fixture, a generated workflow)', () => {
    const files = yamlFiles(resolve(__dirname, '../../../fixtures'));
    let stepByStep = 0;
    for (const text of [...files.map((file) => readFileSync(file, 'utf8')), generateWorkflow(40)]) {
      const whole = parseInOnePiece(text);
      if (whole.syntaxProblems.length) continue;
      const workflow = parseWorkflow(text);
      if (workflow.yaml.items) stepByStep++;
      assert.deepEqual(comparable(workflow), comparable(whole), text);
      assert.deepEqual(validateWorkflow(workflow), validateWorkflow(whole), text);
    }
    assert.ok(stepByStep > 20, `${stepByStep} files were read step by step`);
  });

  void test('a stray "x: [" at column 0 inside steps gives one diagnostic, and every step is still read', () => {
    const text = withLineBefore(generateWorkflow(300), 'step-150', 'x: [\n');
    const diagnostics = validateText(text);
    assert.ok(diagnostics.length <= 5, JSON.stringify(diagnostics, null, 1));
    const stray = text.slice(0, text.indexOf('x: [')).split('\n').length - 1;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['DW001', stray, 3]],
      'on the open bracket',
    );
    assert.equal(parseWorkflow(text).steps.length, 300);
    // Read in one piece, the open bracket swallows the rest of the file.
    assert.ok(validateWorkflow(parseInOnePiece(text)).length > 100);
  });

  void test('an unclosed depends_on: [ is a problem of its own step only', () => {
    const base = generateWorkflow(30);
    const at = base.indexOf('    depends_on:\n', base.indexOf('  - id: step-12\n'));
    const text = `${base.slice(0, at)}    depends_on: [step-3\n${base.slice(at)}`;
    const workflow = parseWorkflow(text);
    assert.deepEqual(
      workflow.steps.map((step) => step.id?.value),
      Array.from({ length: 30 }, (_, index) => `step-${index}`),
    );
    const problems = validateText(text).filter((d) => d.code === 'DW001');
    assert.ok(problems.length >= 1 && problems.length <= 3, JSON.stringify(problems));
    const step12 = text.slice(0, text.indexOf('  - id: step-12\n')).split('\n').length - 1;
    const step13 = text.slice(0, text.indexOf('  - id: step-13\n')).split('\n').length - 1;
    for (const problem of problems) {
      assert.ok(problem.range.start.line >= step12 && problem.range.start.line < step13, 'inside step-12');
    }
  });

  void test('an anchor set in one step and used in another: the file is read in one piece, the alias resolves', () => {
    const text = 'steps:\n  - id: a\n    image: &base busybox\n  - id: b\n    image: *base\n';
    const workflow = parseWorkflow(text);
    assert.equal(workflow.yaml.items, undefined);
    assert.deepEqual(validateText(text), []);
  });

  void test('a line that reads as a key of the file itself is read as YAML reads it', () => {
    const text = 'steps:\n  - id: a\n    image: x\ndescription: two\n  - words\n';
    assert.deepEqual(comparable(parseWorkflow(text)), comparable(parseInOnePiece(text)));
    assert.equal(parseWorkflow(text).description?.value, 'two - words');
  });

  void test('brackets nested too deep inside one step are cut there; the other steps are read', () => {
    const text = `steps:\n  - id: a\n    command: ${'['.repeat(5000)}\n  - id: b\n    image: x\n`;
    const workflow = parseWorkflow(text);
    assert.deepEqual(
      workflow.steps.map((step) => step.id?.value),
      ['a', 'b'],
    );
    assert.equal(workflow.syntaxProblems.filter((p) => p.code === 'NESTING_TOO_DEEP').length, 1);
  });
});
