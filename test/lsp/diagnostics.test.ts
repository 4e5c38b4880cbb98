import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { validateText } from '../../core/validate/validate-workflow.js';
import { fixture, fixtureUri } from './support/fixtures.js';
import { useServer } from './support/session.js';
import { must } from '../support/must.js';

const TYPO = `container_config:
  image: busybox
steps:
  - id: build
  - id: test
    depends_on: [biuld]
`;

void describe('push diagnostics (diagnosticsDelay 0)', () => {
  const session = useServer({ initializationOptions: { diagnosticsDelay: 0 } });

  void test('on open: the core diagnostics as LSP ones, with source, code, data and the version', async () => {
    const uri = fixtureUri('typo.dagger.yaml');
    await session.client.open(uri, TYPO);
    const published = await session.client.waitForDiagnostics(uri, 1);
    assert.deepEqual(published, {
      uri,
      version: 1,
      diagnostics: [
        {
          range: { start: { line: 5, character: 17 }, end: { line: 5, character: 22 } },
          severity: 1,
          code: 'DW011',
          source: 'dagger-wf',
          message: 'step "test" depends on unknown step "biuld" (did you mean "build"?)',
          data: { unknownId: 'biuld', suggestion: 'build' },
        },
      ],
    } satisfies { uri: string; version: number; diagnostics: Diagnostic[] });
  });

  void test('a clean fixture has none', async () => {
    const pipeline = fixture('pipeline.dagger.yaml');
    await session.client.open(pipeline.uri, pipeline.text);
    assert.deepEqual((await session.client.waitForDiagnostics(pipeline.uri, 1)).diagnostics, []);
  });

  void test('after incremental edits: the diagnostics of the newest version, versions never going back', async () => {
    const uri = fixtureUri('edits.dagger.yaml');
    await session.client.open(uri, TYPO);
    const since = session.client.published.length;
    let version = 1;
    // Fix the typo one character at a time (b-i-u-l-d -> b-u-i-l-d), then break it again.
    const edits = [
      { range: { start: { line: 5, character: 18 }, end: { line: 5, character: 20 } }, text: 'ui' },
      { range: { start: { line: 5, character: 22 }, end: { line: 5, character: 22 } }, text: ', nope' },
      { range: { start: { line: 5, character: 22 }, end: { line: 5, character: 28 } }, text: '' },
    ];
    for (const edit of edits) version = await session.client.change(uri, [edit]);
    const last = await session.client.waitForDiagnostics(uri, version, { since });
    assert.deepEqual(last.diagnostics, []);
    const versions = session.client.published
      .slice(since)
      .filter((p) => p.uri === uri)
      .map((p) => must(p.version, 'a version on each publication'));
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'published versions only go up',
    );
  });

  void test('close clears the diagnostics', async () => {
    const uri = fixtureUri('closing.dagger.yaml');
    await session.client.open(uri, TYPO);
    await session.client.waitForDiagnostics(uri, 1);
    const since = session.client.published.length;
    await session.client.close(uri);
    const cleared = await session.client.waitForDiagnostics(uri, undefined, { since });
    assert.deepEqual(cleared.diagnostics, []);
  });

  void test('every published result equals a full validation of that version (many random edits)', async () => {
    const { generateWorkflow } = await import('./support/generate-workflow.js');
    const { randomEdit, seededRandom } = await import('./support/random-edits.js');
    const { positionOf } = await import('./support/cursor.js');
    const uri = fixtureUri('random.dagger.yaml');
    const base = generateWorkflow(40);
    let text = base;
    await session.client.open(uri, text);
    const random = seededRandom(2026);
    for (let i = 0; i < 120; i++) {
      let version: number;
      if (i % 10 === 9) {
        // Now and then the whole text at once, as clients that sync full documents send it: back to the base.
        text = base;
        version = await session.client.change(uri, [{ text }]);
      } else {
        const edit = randomEdit(text, random);
        version = await session.client.change(uri, [
          {
            range: { start: positionOf(text, edit.start), end: positionOf(text, edit.end) },
            text: edit.insert,
          },
        ]);
        text = edit.text;
      }
      const published = await session.client.waitForDiagnostics(uri, version);
      const expected = validateText(text).map((d) => ({ code: d.code, message: d.message, range: d.range }));
      const actual = published.diagnostics.map((d) => ({ code: d.code, message: d.message, range: d.range }));
      assert.deepEqual(actual, expected, `edit ${i} (seed 2026)`);
    }
  });
});

void describe('debounce (diagnosticsDelay 400)', () => {
  const session = useServer({ initializationOptions: { diagnosticsDelay: 400 } });

  // How often a burst is validated depends on the clock (test/unit/server/diagnostic-scheduler.test.ts proves the
  // debounce itself with mocked timers); what must hold whatever the pace: the newest version is published, with
  // its own diagnostics, and nothing older comes after it.
  void test('a burst of edits ends with the diagnostics of its last version, none older after them', async () => {
    const uri = fixtureUri('burst.dagger.yaml');
    await session.client.open(uri, TYPO);
    await session.client.waitForDiagnostics(uri, 1);
    const since = session.client.published.length;
    // Sent back to back, without waiting for anything in between.
    const versions = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        session.client.change(uri, [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# ${i}\n` },
        ]),
      ),
    );
    const last = versions[versions.length - 1];
    const published = await session.client.waitForDiagnostics(uri, last, { since });
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['DW011', 10]],
    );
    const seen = session.client.published.slice(since).map((p) => p.version);
    assert.equal(seen[seen.length - 1], last, `published: ${seen.join(', ')}`);
  });
});

void describe('pull diagnostics (initializationOptions.pullDiagnostics)', () => {
  // diagnosticsDelay 0: were the server publishing, the publication of the open would be due at once.
  const session = useServer({ initializationOptions: { pullDiagnostics: true, diagnosticsDelay: 0 } });

  void test('textDocument/diagnostic answers with the same items, and nothing is pushed', async () => {
    assert.ok(session.client.capabilities.capabilities.diagnosticProvider);
    const uri = fixtureUri('pulled.dagger.yaml');
    await session.client.open(uri, TYPO);
    const pull = () =>
      session.client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', {
        textDocument: { uri },
      });
    const report = await pull();
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      report.items.map((d) => d.code),
      ['DW011'],
    );
    // A request sent after that answer is answered after any timer the open had started (messages keep their
    // order on the way back): a publication would have arrived before this second answer.
    await pull();
    assert.deepEqual(session.client.published, []);
  });
});
