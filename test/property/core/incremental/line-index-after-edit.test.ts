import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedRegion } from '../../../../core/incremental/changed-region.js';
import { lineIndexAfterEdit } from '../../../../core/incremental/line-index-after-edit.js';
import { SourceText } from '../../../../core/parse/source-text.js';
import { randomEdit, seededRandom } from '../../../lsp/support/random-edits.js';

void test('the line index after an edit is the one made from scratch (random edits, CRs included)', () => {
  const random = seededRandom(5);
  let source = new SourceText('steps:\n  - id: a\n\n  - id: b\n    image: x\n');
  for (let edit = 0; edit < 2000; edit++) {
    const text = randomEdit(source.text, random).text;
    const updated = lineIndexAfterEdit(source, text, changedRegion(source.text, text));
    assert.deepEqual(updated.lineStartOffsets, new SourceText(text).lineStartOffsets, JSON.stringify(text));
    source = updated;
  }
});
