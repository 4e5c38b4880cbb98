import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findExcessiveNesting, MAX_FLOW_NESTING } from '../../../../core/parse/nesting-depth.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';

void test('the first bracket beyond the limit is found; quoted and commented brackets do not count', () => {
  assert.equal(findExcessiveNesting('['.repeat(300)), MAX_FLOW_NESTING);
  assert.equal(findExcessiveNesting('{a: '.repeat(300)), MAX_FLOW_NESTING * 4);
  assert.equal(findExcessiveNesting('['.repeat(200) + ']'.repeat(200) + '['.repeat(200)), undefined);
  assert.equal(findExcessiveNesting(`"${'['.repeat(300)}"`), undefined);
  assert.equal(findExcessiveNesting(`'it''s ${'['.repeat(300)}'`), undefined);
  assert.equal(findExcessiveNesting(`# ${'['.repeat(300)}`), undefined);
  assert.equal(
    findExcessiveNesting(`a#${'['.repeat(300)}`),
    2 + MAX_FLOW_NESTING,
    'a # inside a word is no comment',
  );
});

void test('5,000 nested brackets are cut before the parser and reported once, whatever the process did before', () => {
  for (const text of [
    '['.repeat(5000) + ']'.repeat(5000),
    `steps: ${'['.repeat(5000)}`,
    '{a: '.repeat(5000),
  ]) {
    const workflow = parseWorkflow(text);
    assert.match(workflow.syntaxProblems[0]?.message ?? '(no syntax problem)', /nested more than 256 levels/);
  }
});
