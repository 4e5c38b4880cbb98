import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cursorContext } from '../../../../../server/features/cursor/cursor-context.js';
import { lineStartAt, previousLineStart } from '../../../../../server/features/cursor/yaml-lines.js';
import { withCursor } from '../../../../lsp/support/cursor.js';

const contextAt = (fixture: string) => {
  const { text, offset } = withCursor(fixture, '‸');
  return cursorContext(text, offset);
};

void test('line starts next to leading line breaks (a hang the fuzzer found)', () => {
  assert.equal(previousLineStart('\nfoo', 1), 0);
  assert.equal(previousLineStart('\n\nfoo', 2), 1);
  assert.equal(previousLineStart('foo', 0), -1);
  assert.equal(lineStartAt('\nfoo', 0), 0);
  assert.equal(lineStartAt('\nfoo', 1), 1);
  assert.deepEqual(contextAt('\n‸').path, []);
  assert.deepEqual(contextAt('\n\nste‸').word, { text: 'ste', start: 2, end: 5 });
});

void test('a key being typed inside a step item, with the keys around it', () => {
  const context = contextAt('steps:\n  - id: a\n    ima‸\n    command: [x]\n  - id: b\n');
  assert.deepEqual(
    { kind: context.kind, path: context.path, siblings: context.siblingKeys, item: context.stepItemStart },
    { kind: 'key', path: ['steps', '-'], siblings: ['id', 'command'], item: 7 },
  );
});

void test('items of a block list, a flow list and a value', () => {
  const block = contextAt('steps:\n  - id: a\n    depends_on:\n      - x\n      - ‸\n      - y\n');
  assert.deepEqual(
    [block.kind, block.path, block.listed],
    ['item', ['steps', '-', 'depends_on', '-'], ['x', 'y']],
  );
  const flow = contextAt('steps:\n  - id: a\n    depends_on: [x, ‸, y]\n');
  assert.deepEqual(
    [flow.kind, flow.path, flow.listed],
    ['flow-item', ['steps', '-', 'depends_on'], ['x', 'y']],
  );
  const value = contextAt('steps:\n- id: a\n  image: nod‸\n');
  assert.deepEqual([value.kind, value.path, value.word.text], ['value', ['steps', '-', 'image'], 'nod']);
});

void test('nested mappings and compact lists (`- ` at the column of their key)', () => {
  assert.deepEqual(contextAt('container_config:\n  resources:\n    cpu: "1"\n    ‸\n').path, [
    'container_config',
    'resources',
  ]);
  assert.deepEqual(contextAt('steps:\n  - id: a\n    depends_on:\n    - ‸\n').path, [
    'steps',
    '-',
    'depends_on',
    '-',
  ]);
});

void test('a stray line at column 0 between two steps is not the parent of the step below it', () => {
  const context = contextAt('steps:\n  - id: a\nx: [\n  - id: b\n    depends_on:\n      - ‸\n');
  assert.deepEqual(context.path, ['steps', '-', 'depends_on', '-']);
  assert.deepEqual(contextAt('steps:\n  - id: a\noutputs:\n  - name: ‸\n').path, ['outputs', '-', 'name']);
});
