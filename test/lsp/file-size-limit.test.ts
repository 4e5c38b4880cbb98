// A workflow over the size limit in the editor: one diagnostic at the top, at once, and the server stays
// responsive; cut it back below the limit and the real diagnostics come back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_WORKFLOW_BYTES } from '../../core/parse/workflow-size.js';
import { fixtureUri } from './support/fixtures.js';
import { useServer } from './support/session.js';

const STEPS =
  'steps:\n  - id: build\n    image: busybox\n  - id: test\n    image: busybox\n    depends_on: [biuld]\n';

void describe('a workflow over the size limit', () => {
  const session = useServer({ initializationOptions: { diagnosticsDelay: 0 } });

  void test('is one DW001 at 1:1, not parsed; below the limit again, the file is checked as usual', async () => {
    const uri = fixtureUri('huge.dagger.yaml');
    const padding = `# ${'x'.repeat(MAX_WORKFLOW_BYTES)}\n`;
    await session.client.open(uri, `${STEPS}${padding}`);
    const refused = await session.client.waitForDiagnostics(uri, 1, { timeoutMs: 60_000 });
    assert.deepEqual(
      refused.diagnostics.map((d) => [d.code, d.range.start, d.message]),
      [
        [
          'DW001',
          { line: 0, character: 0 },
          `the file has ${(STEPS.length + padding.length).toLocaleString('en-US')} bytes, more than the 8 MiB (8,388,608 bytes) a workflow file may have; it was not read`,
        ],
      ],
    );
    // Other requests are answered meanwhile: the server is not stuck on the large text.
    const symbols: unknown = await session.client.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.deepEqual(symbols, []);
    // Delete the padding line: the usual diagnostics.
    const version = await session.client.change(uri, [
      { range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' },
    ]);
    const checked = await session.client.waitForDiagnostics(uri, version, { timeoutMs: 60_000 });
    assert.deepEqual(
      checked.diagnostics.map((d) => d.code),
      ['DW011'],
    );
  });
});
