import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver/node';
import { useServer } from './support/session.js';

const session = useServer();

const STEPS = `container_config:
  image: busybox
steps:
  - id: fetch
    name: Fetch
    image: curlimages/curl
  - id: transform
    name: Transform
    depends_on: [fetch]
  - id: report
    image: node:18
    depends_on:
      - transform
`;

async function complete(fixture: string): Promise<CompletionItem[]> {
  const { uri, position } = await session.openWithCursor(fixture);
  return session.client.complete(uri, position);
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);

void test('block list `- |`: every step but itself, those listed, and those that depend on it', async () => {
  const items = await complete(`${STEPS}  - id: publish
    depends_on:
      - report
      - |
`);
  assert.deepEqual(labels(items), ['fetch', 'transform']);
  assert.deepEqual(items[0], {
    label: 'fetch',
    kind: 18,
    detail: 'Fetch · curlimages/curl',
    sortText: '000000',
    textEdit: {
      range: { start: { line: 16, character: 8 }, end: { line: 16, character: 8 } },
      newText: 'fetch',
    },
  });
  assert.equal(
    items[1]?.detail,
    'Transform · busybox',
    'the image comes from container_config when the step has none',
  );
});

void test('flow list `[a, |]` leaves out the listed id and the step itself', async () => {
  const items = await complete(`${STEPS}  - id: publish
    depends_on: [report, |]
`);
  assert.deepEqual(labels(items), ['fetch', 'transform']);
  assert.deepEqual(items[0]?.textEdit, {
    range: { start: { line: 14, character: 25 }, end: { line: 14, character: 25 } },
    newText: 'fetch',
  });
});

void test('a half-typed entry is replaced as a whole word', async () => {
  const items = await complete(`${STEPS}  - id: publish
    depends_on:
      - tra|ns
`);
  assert.deepEqual(labels(items), ['fetch', 'transform', 'report']);
  assert.deepEqual(items[1]?.textEdit, {
    range: { start: { line: 15, character: 8 }, end: { line: 15, character: 13 } },
    newText: 'transform',
  });
});

void test('empty `depends_on: |` offers ids as a one-item flow list', async () => {
  const items = await complete(`${STEPS}  - id: publish
    depends_on: |
`);
  assert.deepEqual(labels(items), ['fetch', 'transform', 'report']);
  assert.equal(items[2]?.textEdit?.newText, '[report]');
});

void test('ids that would close a cycle are left out (transitive dependents)', async () => {
  const items = await complete(`container_config:
  image: busybox
steps:
  - id: fetch
    depends_on: [|]
  - id: transform
    depends_on: [fetch]
  - id: report
    depends_on: [transform]
  - id: other
`);
  assert.deepEqual(labels(items), ['other']);
});

void test('works while another part of the document is broken', async () => {
  const items = await complete(`${STEPS}  - id: broken
    command: ["unclosed
  - id: publish
    depends_on:
      - |
`);
  assert.deepEqual(labels(items), ['fetch', 'transform', 'report', 'broken']);
});

void test('right after an edit that breaks the YAML of a large file, completion still lists the step ids', async () => {
  const { generateWorkflow } = await import('./support/generate-workflow.js');
  const { positionOf } = await import('./support/cursor.js');
  const text = generateWorkflow(300).replace(
    'outputs:\n',
    '  - id: last\n    depends_on:\n      - step-29\noutputs:\n',
  );
  const { uri } = await session.openWithCursor(
    text.replace('- step-29\noutputs', '- step-29‸\noutputs'),
    '‸',
  );
  const cursor = positionOf(text, text.indexOf('- step-29\noutputs') + '- step-29'.length);
  const first = await session.client.complete(uri, cursor);
  assert.equal(first.length, 300);
  // An unclosed quote in step 10: a syntax error that stays in that step.
  const broken = text.indexOf('    name: Step 10\n') + '    name: '.length;
  await session.client.change(uri, [
    { range: { start: positionOf(text, broken), end: positionOf(text, broken) }, text: '"' },
  ]);
  const after = await session.client.complete(uri, cursor);
  assert.deepEqual(labels(after), labels(first));
});

void test('in an unclosed `depends_on: [`, typed without auto-pairs: every valid id, before and after the cursor', async () => {
  const { positionOf } = await import('./support/cursor.js');
  const before = `container_config:
  image: busybox
steps:
  - id: fetch
  - id: build
    name: Build
  - id: test
  - id: lint
    depends_on: [fetch]
  - id: package
    depends_on: [build]
`;
  const { uri } = await session.openWithCursor(`${before}|`);
  await session.client.waitForDiagnostics(uri, 1);
  // Type `    depends_on: [` on a new line above `name: Build`, one character at a time: the bracket left open
  // reads the keys and steps below it into the list (read in one piece, test and lint would be lost).
  const { text, version } = await session.client.type(
    uri,
    before,
    before.indexOf('    name: Build'),
    '    depends_on: [\n',
  );
  const published = await session.client.waitForDiagnostics(uri, version);
  const problems = published.diagnostics.filter((d) => d.code === 'DW001');
  assert.ok(problems.length >= 1 && published.diagnostics.length <= 5, JSON.stringify(published.diagnostics));
  const cursor = positionOf(text, text.indexOf('depends_on: [\n') + 'depends_on: ['.length);
  // All but build itself and package (it depends on build: a cycle); test and lint come after the cursor.
  assert.deepEqual(labels(await session.client.complete(uri, cursor)), ['fetch', 'test', 'lint']);
});
