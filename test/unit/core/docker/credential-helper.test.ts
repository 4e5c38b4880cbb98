// The helper process itself: its timeout, and that asking one leaves nothing running behind.
// (Which helper is asked for which registry: registry-credentials.test.ts.)
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askCredentialHelper, CredentialHelperError } from '../../../../core/docker/credential-helper.js';

const bin = mkdtempSync(join(tmpdir(), 'dagger-wf-credential-helper-'));
after(() => rmSync(bin, { recursive: true, force: true }));
const env = { PATH: `${bin}:/usr/bin:/bin` };
writeFileSync(join(bin, 'docker-credential-silent'), '#!/bin/sh\nexec sleep 60\n');
chmodSync(join(bin, 'docker-credential-silent'), 0o755);

const failsWith = (message: string) => (error: unknown) =>
  error instanceof CredentialHelperError && error.message === message;
/** Timers that keep the process alive (unref'd ones are not listed). */
const liveTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

void test('a helper missing from PATH leaves no timer behind: the process can exit at once', async () => {
  const before = liveTimers();
  await assert.rejects(
    askCredentialHelper('missing', 'localhost:5000', { describe: 'docker-credential-missing', env }),
    failsWith('docker-credential-missing is not on PATH'),
  );
  assert.ok(liveTimers() <= before, `timers before ${before}, after ${liveTimers()}`);
});

void test('a helper silent past the timeout is killed, and the error says how long it was given', async () => {
  const before = liveTimers();
  await assert.rejects(
    askCredentialHelper('silent', 'localhost:5000', {
      describe: 'docker-credential-silent',
      env,
      timeoutMs: 200,
    }),
    failsWith('docker-credential-silent gave no answer within 0.2 s'),
  );
  assert.ok(liveTimers() <= before, `timers before ${before}, after ${liveTimers()}`);
});
