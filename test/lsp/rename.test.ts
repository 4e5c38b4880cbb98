import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { applyEdits } from './support/cursor.js';
import { useServer } from './support/session.js';

const session = useServer();

const WORKFLOW = `container_config:
  image: busybox
steps:
  - id: build
    command: ["sh", "-c", "echo tag=1 >> $DAGGER_OUTPUT"]
  - id: test
    command: ["echo", "\${steps.build.outputs.tag}"]
    depends_on:
      - "build"
  - id: ship
    environment:
      TAG: "\${steps.build.outputs.tag}-\${steps.test.outputs.x}"
    depends_on: [test, bu‸ild]
outputs:
  - name: tag
    value: "\${steps.build.outputs.tag}"
`;

void test('prepareRename gives the id under the cursor and its range', async () => {
  const { uri, position } = await session.openWithCursor(WORKFLOW, '‸');
  const prepared = await session.client.request('textDocument/prepareRename', {
    textDocument: { uri },
    position,
  });
  assert.deepEqual(prepared, {
    range: { start: { line: 12, character: 23 }, end: { line: 12, character: 28 } },
    placeholder: 'build',
  });
  const nothing = await session.client.request('textDocument/prepareRename', {
    textDocument: { uri },
    position: { line: 0, character: 3 },
  });
  assert.equal(nothing, null);
});

void test('rename changes the id, each depends_on entry (quoted or not) and every ${steps.<id>…}', async () => {
  const { uri, text, position } = await session.openWithCursor(WORKFLOW, '‸');
  const edit = await session.client.request<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri },
    position,
    newName: 'compile',
  });
  assert.equal(edit.changes?.[uri]?.length, 6);
  assert.equal(applyEdits(text, edit.changes?.[uri] ?? []), text.replace(/build/g, 'compile'));
});

void test('rename refuses an invalid id and an id that exists, with a clear message', async () => {
  const { uri, position } = await session.openWithCursor(WORKFLOW, '‸');
  const rename = (newName: string) =>
    session.client.request('textDocument/rename', { textDocument: { uri }, position, newName });
  await assert.rejects(
    rename('-bad id'),
    /"-bad id" is not a valid step id: use letters, digits, "_" and "-", not starting with "-"\./,
  );
  await assert.rejects(rename('test'), /A step with id "test" already exists\./);
});
