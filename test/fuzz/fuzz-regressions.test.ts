/**
 * Documents on which the fuzz test once found the server stuck or failing, kept as plain cases so they stay
 * fixed. Each request must be answered (a hang shows as "unanswered"; 10 s is a hang detector, not a speed target).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../lsp/support/lsp-test-client.js';

const DEADLINE_MS = 10_000;

const cases: { found: string; text: string; method: string; line: number; character: number }[] = [
  {
    // previousLineStart(text, 1) gave 1 again, so walking up from line 1 never ended (fuzz seed 20261128).
    found: 'completion on line 1 of a document that starts with an empty line',
    text: '\nsteps:\n  - id: a\n',
    method: 'textDocument/completion',
    line: 1,
    character: 0,
  },
  {
    found: 'completion under a comment in a document that starts with an empty line',
    text: '\n  - id: init\n# Sexample\n      - id: exampl\u1a7e\\\u80f9\r\n',
    method: 'textDocument/completion',
    line: 2,
    character: 10,
  },
  {
    found: 'hover on line 1 of a document that starts with an empty line',
    text: '\nsteps:\n  - id: a\n    depends_on: [a]\n',
    method: 'textDocument/hover',
    line: 1,
    character: 2,
  },
];

void describe('documents the fuzz test found trouble with', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ initializationOptions: { diagnosticsDelay: 0 } });
  });
  after(async () => {
    const timer = setTimeout(() => client.child.kill('SIGKILL'), DEADLINE_MS);
    const exited = new Promise<void>((done) => client.child.once('exit', () => done()));
    await Promise.race([client.stop(), exited]);
    clearTimeout(timer);
  });

  cases.forEach((testCase, index) => {
    void it(`answers ${testCase.found}`, async () => {
      const uri = `file:///fuzz/regression-${index}.dagger.yaml`;
      await client.open(uri, testCase.text);
      let timer: NodeJS.Timeout | undefined;
      const unanswered = new Promise<'unanswered'>((done) => {
        timer = setTimeout(() => done('unanswered'), DEADLINE_MS);
      });
      const answer = await Promise.race([
        client.request<unknown>(testCase.method, {
          textDocument: { uri },
          position: { line: testCase.line, character: testCase.character },
        }),
        unanswered,
      ]);
      clearTimeout(timer);
      assert.notEqual(
        answer,
        'unanswered',
        `${testCase.method} at ${testCase.line}:${testCase.character} got no answer`,
      );
      const published = await client.waitForDiagnostics(uri, 1, { timeoutMs: DEADLINE_MS });
      assert.ok(Array.isArray(published.diagnostics));
    });
  });
});
