import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspTestClient } from './support/lsp-test-client.js';

void test('stop() shuts a healthy server down with shutdown + exit', async () => {
  const client = await LspTestClient.start();
  await client.stop();
  assert.equal(client.child.exitCode, 0);
  assert.equal(client.child.signalCode, null);
});

void test('stop() kills a server that never answers shutdown once its deadline passes', async () => {
  const client = await LspTestClient.start();
  // SIGSTOP freezes the real server: it reads nothing and answers nothing until killed.
  assert.ok(client.child.kill('SIGSTOP'));
  await client.stop(300);
  assert.equal(client.child.signalCode, 'SIGKILL');
});
