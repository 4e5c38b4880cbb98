import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { IncrementalWorkflowParser } from '../../../../core/parse/incremental-parse.js';
import { validateText } from '../../../../core/validate/validate-workflow.js';
import { IncrementalValidator } from '../../../../server/documents/incremental-validator.js';
import { generateWorkflow } from '../../../lsp/support/generate-workflow.js';
import { randomEdit, seededRandom } from '../../../lsp/support/random-edits.js';
import { FIXTURES } from '../../../support/paths.js';

const manyProblems = readFileSync(join(FIXTURES, 'lsp/many-problems.dagger.yaml'), 'utf8');

void test('a workflow with a problem of every kind gives the same diagnostics step by step as in full', () => {
  const parser = new IncrementalWorkflowParser();
  const parse = parser.parse(manyProblems);
  assert.ok(parse.items, 'the fixture is read step by step');
  const diagnostics = new IncrementalValidator().validate(parse);
  assert.deepEqual(diagnostics, validateText(manyProblems));
  assert.ok(new Set(diagnostics.map((d) => d.code)).size >= 10, 'the fixture covers many codes');
});

for (const [name, base] of [
  ['many-problems fixture', manyProblems],
  ['generated workflow', generateWorkflow(15)],
] as const) {
  for (const seed of [11, 12, 13, 14]) {
    void test(`after each of 250 random edits of the ${name}, the same diagnostics as a full validation (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const parser = new IncrementalWorkflowParser();
      const validator = new IncrementalValidator();
      let text = base;
      let incremental = 0;
      for (let edit = 0; edit < 250; edit++) {
        text = randomEdit(edit % 4 === 0 ? base : text, random).text;
        const parse = parser.parse(text);
        if (parse.items) incremental++;
        assert.deepEqual(
          validator.validate(parse),
          validateText(text),
          `seed ${seed}, edit ${edit}:\n${text}`,
        );
      }
      assert.ok(incremental > 25, `the incremental path was taken ${incremental} times`);
    });
  }
}
