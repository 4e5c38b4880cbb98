import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentHighlight, Location } from 'vscode-languageserver/node';
import { fixture } from './support/fixtures.js';
import { positionOf } from './support/cursor.js';
import { useServer } from './support/session.js';

const session = useServer();
const pipeline = fixture('pipeline.dagger.yaml');
const at = (needle: string, into = 0, nth = 0) => {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = pipeline.text.indexOf(needle, offset + 1);
  return { textDocument: { uri: pipeline.uri }, position: positionOf(pipeline.text, offset + into) };
};
const range = (line: number, start: number, end: number) => ({
  start: { line, character: start },
  end: { line, character: end },
});

let opened = false;
/** The client, with the pipeline fixture open. */
async function client() {
  if (!opened) await session.client.open(pipeline.uri, pipeline.text);
  opened = true;
  return session.client;
}

void test('definition: from a depends_on entry, a flow entry and ${steps.<id>…} to the id of the step', async () => {
  const fetchId = { uri: pipeline.uri, range: range(15, 8, 13) };
  assert.deepEqual(
    await (await client()).request<Location>('textDocument/definition', at('      - fetch', 10)),
    fetchId,
  );
  assert.deepEqual(
    await (await client()).request<Location>('textDocument/definition', at('${steps.fetch', 9)),
    fetchId,
  );
  assert.deepEqual(
    await (await client()).request<Location>('textDocument/definition', at('[transform]', 1)),
    {
      uri: pipeline.uri,
      range: range(23, 8, 17),
    },
  );
  assert.equal(await (await client()).request('textDocument/definition', at('name: Data', 2)), null);
});

void test('references: the id, every depends_on entry and every ${steps.<id>…}', async () => {
  const references = await (
    await client()
  ).request<Location[]>('textDocument/references', {
    ...at('id: fetch', 5),
    context: { includeDeclaration: true },
  });
  assert.deepEqual(
    references.map((location) => location.range),
    [range(15, 8, 13), range(25, 49, 54), range(27, 8, 13), range(34, 21, 26), range(47, 20, 25)],
  );
  const withoutDeclaration = await (
    await client()
  ).request<Location[]>('textDocument/references', {
    ...at('id: fetch', 5),
    context: { includeDeclaration: false },
  });
  assert.equal(withoutDeclaration.length, 4);
});

void test('document highlight: the definition as write, the uses as read', async () => {
  const highlights = await (
    await client()
  ).request<DocumentHighlight[]>('textDocument/documentHighlight', at('- report', 4));
  assert.deepEqual(highlights, [
    { range: range(29, 8, 14), kind: 3 },
    { range: range(44, 8, 14), kind: 2 },
  ]);
});

void test('positions count UTF-16 code units (an emoji before a reference on the same line)', async () => {
  const text = [
    'container_config:',
    '  image: busybox',
    'steps:',
    '  - id: build',
    '    name: "🚀 build"',
    '  - id: ship',
    '    depends_on: [build]',
    '    command: ["echo", "🚀🚀", "${steps.build.outputs.tag}"]',
    '',
  ].join('\n');
  const uri = pipeline.uri.replace('pipeline', 'emoji');
  const c = await client();
  await c.open(uri, text);
  // JavaScript string lengths are UTF-16 code units, as LSP positions: each emoji counts 2.
  const character = '    command: ["echo", "🚀🚀", "${steps.'.length;
  assert.equal(character, 39);
  const definition = await c.request<Location>('textDocument/definition', {
    textDocument: { uri },
    position: { line: 7, character: character + 2 },
  });
  assert.deepEqual(definition, { uri, range: range(3, 8, 13) });
  const references = await c.request<Location[]>('textDocument/references', {
    textDocument: { uri },
    position: { line: 3, character: 9 },
    context: { includeDeclaration: false },
  });
  assert.deepEqual(
    references.map((location) => location.range),
    [range(6, 17, 22), range(7, 39, 44)],
  );
});
