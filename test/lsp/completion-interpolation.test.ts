import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver/node';
import { useServer } from './support/session.js';

const session = useServer();

const WORKFLOW = `inputs:
  region:
    description: Where to deploy
  token:
    secret: true
container_config:
  image: busybox
steps:
  - id: fetch
    command: ["sh", "-c", "echo rows=42 >> $DAGGER_OUTPUT; printf 'etag=%s\\n' abc >> \\"$DAGGER_OUTPUT\\""]
  - id: notes
    command: ["sh", "-c", "{ echo \\"summary<<EOF\\"; cat notes.md; echo EOF; } >> \${DAGGER_OUTPUT}"]
    depends_on: [fetch]
  - id: unrelated
    command: ["sh", "-c", "echo other=1 >> $DAGGER_OUTPUT"]
`;

async function complete(fixture: string): Promise<CompletionItem[]> {
  const { uri, position } = await session.openWithCursor(fixture, '‸');
  return session.client.complete(uri, position);
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);

void test('after `${steps.` the transitive dependencies of the step only', async () => {
  const items = await complete(`${WORKFLOW}  - id: report
    depends_on: [notes]
    environment:
      ROWS: "\${steps.‸"
`);
  assert.deepEqual(labels(items), ['fetch', 'notes']);
  assert.deepEqual(items[0]?.textEdit, {
    range: { start: { line: 18, character: 21 }, end: { line: 18, character: 21 } },
    newText: 'fetch',
  });
});

void test('after `${steps.<id>.outputs.` the keys the command writes to $DAGGER_OUTPUT (echo, printf, heredoc)', async () => {
  const fetch = await complete(`${WORKFLOW}  - id: report
    depends_on: [notes]
    command: ["echo", "\${steps.fetch.outputs.‸}"]
`);
  assert.deepEqual(labels(fetch), ['rows', 'etag']);
  assert.equal(fetch[0]?.textEdit?.newText, 'rows', 'the closing brace is already there');
  const notes = await complete(`${WORKFLOW}  - id: report
    depends_on: [notes]
    command: ["echo", "\${steps.notes.outputs.su‸"]
`);
  assert.deepEqual(labels(notes), ['summary']);
  assert.deepEqual(notes[0]?.textEdit, {
    range: { start: { line: 17, character: 45 }, end: { line: 17, character: 47 } },
    newText: 'summary}',
  });
});

void test('after `${inputs.` the declared inputs', async () => {
  const items = await complete(`${WORKFLOW}  - id: report
    environment:
      REGION: "\${inputs.‸"
`);
  assert.deepEqual(labels(items), ['region', 'token']);
  assert.equal(items[0]?.detail, 'Where to deploy');
});

void test('right after `${`: .env variables, inputs and the outputs of dependencies', async () => {
  const items = await complete(`${WORKFLOW}  - id: report
    depends_on: [fetch]
    environment:
      ANY: "\${‸"
`);
  assert.deepEqual(labels(items), [
    'API_KEY',
    'API_URL',
    'inputs.region',
    'inputs.token',
    'steps.fetch.outputs.rows',
    'steps.fetch.outputs.etag',
    'steps',
    'inputs',
  ]);
  assert.equal(items[0]?.detail, 'from .env');
  assert.equal(items[4]?.textEdit?.newText, 'steps.fetch.outputs.rows}');
});

void test('in workflow outputs every step is visible', async () => {
  const items = await complete(`${WORKFLOW}outputs:
  - name: rows
    value: "\${steps.‸"
`);
  assert.deepEqual(labels(items), ['fetch', 'notes', 'unrelated']);
});
