import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceText } from '../../../../core/parse/source-text.js';

const TEXT = 'a: 1\nbb: 2\r\nccc: 3\rlast';

void test('offsets and positions over LF, CRLF and lone CR line breaks', () => {
  const source = new SourceText(TEXT);
  assert.deepEqual(source.lineStartOffsets, [0, 5, 12, 19]);
  assert.equal(source.lineCount, 4);
  assert.deepEqual(source.positionAt(6), { line: 1, character: 1 });
  assert.deepEqual(source.positionAt(TEXT.length + 5), { line: 3, character: 4 });
  assert.equal(source.offsetAt({ line: 2, character: 2 }), 14);
  assert.equal(source.lineText(1), 'bb: 2');
  assert.equal(source.lineEnd(2), 18);
});

void test('a line index handed in is used as given, and agrees with the one made from the text', () => {
  const made = new SourceText(TEXT);
  const given = new SourceText(TEXT, [...made.lineStartOffsets]);
  for (let offset = 0; offset <= TEXT.length; offset++)
    assert.deepEqual(given.positionAt(offset), made.positionAt(offset), `offset ${offset}`);
  assert.deepEqual(new SourceText('', undefined).lineStartOffsets, [0]);
});
