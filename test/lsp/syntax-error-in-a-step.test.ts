import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { positionOf } from './support/cursor.js';
import { fixtureUri } from './support/fixtures.js';
import { generateWorkflow } from './support/generate-workflow.js';
import { useServer } from './support/session.js';

const session = useServer({ initializationOptions: { diagnosticsDelay: 0 } });

void test('a stray "x: [" typed at column 0 between two steps: a few diagnostics, and the rest still works', async () => {
  const base = generateWorkflow(200);
  const uri = fixtureUri('stray-line.dagger.yaml');
  await session.client.open(uri, base);
  await session.client.waitForDiagnostics(uri, 1);
  const { text, version } = await session.client.type(
    uri,
    base,
    base.indexOf('  - id: step-100\n'),
    'x: [\n',
  );

  const { diagnostics } = await session.client.waitForDiagnostics(uri, version);
  assert.ok(diagnostics.length >= 1 && diagnostics.length <= 5, JSON.stringify(diagnostics, null, 1));
  const strayLine = positionOf(text, text.indexOf('x: [')).line;
  for (const diagnostic of diagnostics) assert.equal(diagnostic.range.start.line, strayLine);

  const symbols = await session.client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
    textDocument: { uri },
  });
  const steps = symbols.find((symbol) => symbol.name === 'steps');
  assert.equal(steps?.children?.length, 200, 'the outline still lists every step');
  assert.equal(steps?.children?.[150]?.name, 'step-150');

  // Completion below the stray line: a new entry in step-150's depends_on.
  const entry = text.indexOf('      - step-149\n', text.indexOf('  - id: step-150\n'));
  const cursor = positionOf(text, entry + '      - '.length);
  const offered = (await session.client.complete(uri, cursor)).map((item) => item.label);
  assert.ok(
    offered.includes('step-0') && offered.includes('step-148'),
    JSON.stringify(offered.slice(0, 5)) + JSON.stringify(cursor),
  );
});
