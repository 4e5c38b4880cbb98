import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol, Position, Range } from 'vscode-languageserver/node';
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

/** Whether `inner` lies within `outer` (LSP positions). */
function contains(outer: Range, inner: Range): boolean {
  const before = (a: Position, b: Position) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Every symbol of the tree, depth first. */
function everySymbol(list: DocumentSymbol[]): DocumentSymbol[] {
  return list.flatMap((symbol) => [symbol, ...everySymbol(symbol.children ?? [])]);
}

void test('half-written files still give an outline whose selection ranges lie inside their ranges', async () => {
  const shapes = {
    'outputs indented under steps': `name: x\nsteps:\n  - id: a\n    image: busybox\n    command: [echo]\n  outputs:\n    r: \${steps.a.outputs.r}\n`,
    'an output with no value': `name: x\nsteps:\n  - id: a\n    image: busybox\n    command: [echo]\noutputs:\n  r:\n`,
    'an input with no body': `name: x\ninputs:\n  region:\nsteps:\n  - id: a\n    image: busybox\n    command: [echo]\n`,
    'steps as a mapping': `name: x\nsteps:\n  a:\n    image: busybox\n`,
    'a step with only a dash': `name: x\nsteps:\n  -\n  - id: b\n    image: busybox\n    command: [echo]\n`,
  };
  for (const [shape, text] of Object.entries(shapes)) {
    const uri = `file:///outline-${shape.replace(/\W+/g, '-')}.dagger.yaml`;
    await session.client.open(uri, text);
    const symbols = await session.client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    for (const symbol of everySymbol(symbols ?? [])) {
      assert.ok(
        contains(symbol.range, symbol.selectionRange),
        `${shape}: "${symbol.name}" selects ${JSON.stringify(symbol.selectionRange)} outside ${JSON.stringify(symbol.range)}`,
      );
    }
  }
});
