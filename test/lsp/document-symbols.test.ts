import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { fixture } from './support/fixtures.js';
import { useServer } from './support/session.js';
import { must } from '../support/must.js';

const session = useServer();

void test('outline: inputs, steps (id with name · image) and outputs', async () => {
  const pipeline = fixture('pipeline.dagger.yaml');
  await session.client.open(pipeline.uri, pipeline.text);
  const symbols = await session.client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
    textDocument: { uri: pipeline.uri },
  });
  const outline = (list: DocumentSymbol[] | undefined): unknown =>
    list?.map((symbol) => ({
      name: symbol.name,
      detail: symbol.detail,
      kind: symbol.kind,
      children: outline(symbol.children),
    }));
  assert.deepEqual(outline(symbols), [
    {
      name: 'inputs',
      detail: undefined,
      kind: 3,
      children: [
        { name: 'region', detail: 'Where the data lives', kind: 13, children: undefined },
        { name: 'api_token', detail: 'Token for the API', kind: 13, children: undefined },
      ],
    },
    {
      name: 'steps',
      detail: '4 steps',
      kind: 18,
      children: [
        { name: 'fetch', detail: 'Fetch data · curlimages/curl:8.5.0', kind: 12, children: undefined },
        { name: 'transform', detail: 'Transform · python:3.9-slim', kind: 12, children: undefined },
        { name: 'report', detail: 'Report · node:18-alpine', kind: 12, children: undefined },
        { name: 'publish', detail: 'Publish · node:18-alpine', kind: 12, children: undefined },
      ],
    },
    {
      name: 'outputs',
      detail: undefined,
      kind: 18,
      children: [{ name: 'rows', detail: '${steps.fetch.outputs.rows}', kind: 7, children: undefined }],
    },
  ]);
  const fetch = must(symbols[1]?.children?.[0], 'the fetch step under steps');
  assert.deepEqual(fetch.selectionRange, {
    start: { line: 15, character: 8 },
    end: { line: 15, character: 13 },
  });
  assert.deepEqual(fetch.range, { start: { line: 15, character: 4 }, end: { line: 21, character: 32 } });
});
