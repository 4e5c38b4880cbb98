import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FoldingRange } from 'vscode-languageserver/node';
import { useServer } from './support/session.js';

const session = useServer();

void test('folds each top-level section, each step and multi-line values inside steps', async () => {
  const { uri } = await session.openWithCursor(
    `‸name: x
container_config:
  environment:
    A: "1"
    B: "2"
steps:
  - id: a
    image: busybox
    depends_on:
      - b
      - c

  - id: b
    image: busybox
outputs:
  - name: o
    value: x
`,
    '‸',
  );
  const ranges = await session.client.request<FoldingRange[]>('textDocument/foldingRange', {
    textDocument: { uri },
  });
  assert.deepEqual(
    ranges.map((range) => [range.startLine, range.endLine]),
    [
      [1, 4],
      [2, 4],
      [5, 13],
      [6, 10],
      [8, 10],
      [12, 13],
      [14, 16],
      [15, 16],
    ],
  );
});
