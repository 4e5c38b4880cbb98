import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver';
import {
  toCompletionResult,
  withoutSnippets,
} from '../../../../../server/features/completion/completion-list.js';
import { completionItems } from '../../../../lsp/support/lsp-test-client.js';
import { must } from '../../../../support/must.js';

const range = { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } };
const items: CompletionItem[] = [
  { label: 'build', textEdit: { range, newText: 'build' } },
  { label: 'test', textEdit: { range, newText: '[test]' } },
];

void test('a shared edit range goes once into itemDefaults when the client supports it', () => {
  assert.deepEqual(toCompletionResult(items, true), {
    isIncomplete: false,
    itemDefaults: { editRange: range },
    items: [{ label: 'build' }, { label: 'test', textEditText: '[test]' }],
  });
  assert.deepEqual(
    completionItems(toCompletionResult(items, true)),
    items,
    'a client gets back the same edits',
  );
});

void test('plain items otherwise: no support, different ranges, or snippets', () => {
  assert.equal(toCompletionResult(items, false), items);
  const other = [
    ...items,
    { label: 'x', textEdit: { range: { ...range, end: { line: 3, character: 9 } }, newText: 'x' } },
  ];
  assert.equal(toCompletionResult(other, true), other);
  const snippets = items.map((item) => ({ ...item, insertTextFormat: 2 as const }));
  assert.equal(toCompletionResult(snippets, true), snippets);
});

void test('without snippet support a `key: $0` item becomes plain `key: `', () => {
  const snippet: CompletionItem = {
    label: 'image',
    insertTextFormat: 2,
    textEdit: { range, newText: 'image: $0' },
  };
  assert.deepEqual(withoutSnippets([snippet, must(items[0], 'a plain item')]), [
    { label: 'image', textEdit: { range, newText: 'image: ' } },
    items[0],
  ]);
});
