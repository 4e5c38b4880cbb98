import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findStepsLayout } from '../../../../core/parse/steps-layout.js';

/** The text of each chunk, and of header and trailer. */
function pieces(text: string): { header: string; items: string[]; trailer: string } | undefined {
  const layout = findStepsLayout(text);
  if (!layout) return undefined;
  return {
    header: text.slice(0, layout.blockStart),
    items: layout.chunks.map((chunk) => text.slice(chunk.start, chunk.end)),
    trailer: text.slice(layout.blockEnd),
  };
}

void test('one chunk per item of steps, comments and deeper lines going with the item above', () => {
  const text =
    'name: x\nsteps:\n  # first\n  - id: a\n    image: b\n\n  - id: c\n      # deep\noutputs:\n  - name: o\n';
  assert.deepEqual(pieces(text), {
    header: 'name: x\nsteps:\n  # first\n',
    items: ['  - id: a\n    image: b\n\n', '  - id: c\n      # deep\n'],
    trailer: 'outputs:\n  - name: o\n',
  });
});

void test('items at column 0 are items too', () => {
  assert.deepEqual(pieces('steps:\n- id: a\n- id: b\n')?.items, ['- id: a\n', '- id: b\n']);
});

void test('a stray line at column 0 between two steps belongs to the step above', () => {
  const text = 'steps:\n  - id: a\nx: [\n  - id: b\noutputs: []\n';
  assert.deepEqual(pieces(text), {
    header: 'steps:\n',
    items: ['  - id: a\nx: [\n', '  - id: b\n'],
    trailer: 'outputs: []\n',
  });
  const several = 'steps:\n- id: a\nx: [\ny\n- id: b\n';
  assert.deepEqual(pieces(several)?.items, ['- id: a\nx: [\ny\n', '- id: b\n']);
});

void test('a top-level key with its value below, a document marker, or a column-0 line with no step after ends the list', () => {
  assert.equal(pieces('steps:\n  - id: a\nfoo:\n  - id: b\n')?.trailer, 'foo:\n  - id: b\n');
  assert.equal(pieces('steps:\n  - id: a\n---\n  - id: b\n')?.trailer, '---\n  - id: b\n');
  assert.equal(pieces('steps:\n  - id: a\nname: x\n')?.trailer, 'name: x\n');
  assert.equal(pieces('steps:\n  - id: a\nx: [\noutputs:\n')?.trailer, 'x: [\noutputs:\n');
});

void test('no plain steps list: no layout (the file is read in one piece)', () => {
  for (const text of [
    'name: x\n',
    'steps: [a, b]\n',
    'steps:\n  id: a\n',
    'steps:\n  - id: a\nsteps:\n  - id: b\n',
    'steps:\r  - id: a\r',
    'steps:\n',
  ]) {
    assert.equal(findStepsLayout(text), undefined, JSON.stringify(text));
  }
});

void test('CRLF line ends are fine', () => {
  assert.deepEqual(pieces('steps:\r\n  - id: a\r\n  - id: b\r\n')?.items, ['  - id: a\r\n', '  - id: b\r\n']);
});
