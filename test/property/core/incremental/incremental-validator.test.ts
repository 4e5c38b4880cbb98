import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { CachedWorkflowParser } from '../../../../core/incremental/cached-workflow-parser.js';
import { IncrementalValidator } from '../../../../core/incremental/incremental-validator.js';
import { validateText } from '../../../../core/validate/validate-workflow.js';
import { generateWorkflow } from '../../../lsp/support/generate-workflow.js';
import { randomEdit, seededRandom } from '../../../lsp/support/random-edits.js';

const manyProblems = readFileSync(
  resolve(__dirname, '../../../fixtures/lsp/many-problems.dagger.yaml'),
  'utf8',
);

void test('a workflow with a problem of every kind gives the same diagnostics step by step as in full', () => {
  const workflow = new CachedWorkflowParser().parse(manyProblems);
  assert.ok(workflow.yaml.items, 'the fixture is read step by step');
  const diagnostics = new IncrementalValidator().validate(workflow);
  assert.deepEqual(diagnostics, validateText(manyProblems));
  assert.ok(new Set(diagnostics.map((d) => d.code)).size >= 10, 'the fixture covers many codes');
});

void test('items validated in an older version than the one that read them (debounced edits) are placed right', () => {
  const parser = new CachedWorkflowParser();
  const validator = new IncrementalValidator();
  let text = manyProblems;
  validator.validate(parser.parse(text));
  // Two versions read, only the second validated: items read in the first moved before their validation.
  text = text.replace('  - id: transform', '  - id: added\n    imagee: x\n  - id: transform');
  parser.parse(text);
  text = `# top\n${text}`;
  assert.deepEqual(validator.validate(parser.parse(text)), validateText(text));
});

for (const [name, base] of [
  ['many-problems fixture', manyProblems],
  ['generated workflow', generateWorkflow(15)],
] as const) {
  for (const seed of [11, 12, 13, 14]) {
    void test(`after each of 250 random edits of the ${name}, the same diagnostics as a full validation (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const parser = new CachedWorkflowParser();
      const validator = new IncrementalValidator();
      let text = base;
      let stepByStep = 0;
      let withProblems = 0;
      for (let edit = 0; edit < 250; edit++) {
        text = randomEdit(edit % 4 === 0 ? base : text, random).text;
        const workflow = parser.parse(text);
        if (workflow.yaml.items) {
          stepByStep++;
          if (workflow.syntaxProblems.length) withProblems++;
        }
        // Now and then a version goes unvalidated, as when edits come faster than the diagnostics delay.
        if (random() < 0.2) continue;
        assert.deepEqual(
          validator.validate(workflow),
          validateText(text),
          `seed ${seed}, edit ${edit}:\n${text}`,
        );
      }
      assert.ok(stepByStep > 125, `read step by step ${stepByStep} times`);
      assert.ok(withProblems > 15, `step by step with a syntax problem ${withProblems} times`);
    });
  }
}
