import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import { tokenDigest, tokenMatches } from '../../serve/security/bearer-token.js';
import { bundledCli, startTestServer, waitFor, workspace } from './serve-helpers.js';

/** `dagger-wf serve` without $DAGGER_WF_TOKEN, its state under XDG_STATE_HOME; resolves once it listens. */
async function serveWithoutToken(xdgState: string) {
  const child = spawn(process.execPath, ['--', bundledCli(), 'serve', workspace({}), '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: xdgState, XDG_STATE_HOME: xdgState },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      ended = true;
      resolve(code);
    }),
  );
  await waitFor(() => ended || /listening on /.test(output), 'the server to listen', 60_000);
  assert.ok(!ended, `the server ended at start:\n${output}`);
  const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
  return { url, output, stop: async () => (child.kill('SIGTERM'), exited) };
}

void test('without DAGGER_WF_TOKEN a token is generated once into <state dir>/serve-token (0600), its path printed', async () => {
  const xdg = workspace({});
  const tokenFile = join(xdg, 'dagger-wf', 'serve-token');
  const first = await serveWithoutToken(xdg);
  assert.match(
    first.output,
    new RegExp(`token: ${tokenFile} \\(new\\); send it as Authorization: Bearer <token>`),
  );
  assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
  const token = readFileSync(tokenFile, 'utf8').trim();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes');
  assert.ok(!first.output.includes(token), 'the token itself is never printed');
  const ok = await fetch(`${first.url}/dagger/workflows`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.status, 200);
  assert.equal(await first.stop(), 0);

  const second = await serveWithoutToken(xdg);
  assert.match(second.output, new RegExp(`token: ${tokenFile}; `), 'the same file, not new');
  assert.equal(readFileSync(tokenFile, 'utf8').trim(), token);
  assert.equal(await second.stop(), 0);

  chmodSync(tokenFile, 0o644);
  const refused = spawnSync(process.execPath, ['--', bundledCli(), 'serve', workspace({}), '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: xdg, XDG_STATE_HOME: xdg },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(refused.status, 2);
  assert.equal(
    refused.stderr,
    `dagger-wf serve: the token file ${tokenFile} can be read by other users: chmod 600 it (or delete it for a new one)\n`,
  );
});

void test('a second server on the same state folder is refused while the first lives', async () => {
  const xdg = workspace({});
  const first = await serveWithoutToken(xdg);
  const second = spawnSync(process.execPath, ['--', bundledCli(), 'serve', workspace({}), '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: xdg, XDG_STATE_HOME: xdg },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(second.status, 2);
  assert.match(second.stderr, /^dagger-wf serve: another dagger-wf serve \(pid \d+\) uses the state folder /);
  assert.equal(await first.stop(), 0);
});

void test('tokens are compared whole: a prefix, an extension or another token of the same length does not match', () => {
  const expected = tokenDigest('s3cr3t-token');
  assert.equal(tokenMatches(expected, 's3cr3t-token'), true);
  for (const wrong of ['', 's3cr3t', 's3cr3t-token!', 's3cr3t-tokem', 'S3CR3T-TOKEN'])
    assert.equal(tokenMatches(expected, wrong), false, wrong);
});

void test('an unreachable engine: /readyz and execute answer 503 problem+json, /healthz 200, nothing is recorded', async () => {
  const { api, stateDir } = await startTestServer(
    { 'w.dagger.yaml': 'name: w\nsteps:\n  - { id: a, image: busybox, command: ["true"] }\n' },
    { runtime: createDockerRuntime({ dockerHost: 'unix:///nonexistent/docker.sock' }) },
  );
  const ready = await api('/readyz');
  assert.equal(ready.status, 503);
  assert.equal(ready.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.match(
    ((await ready.json()) as { detail: string }).detail,
    /cannot reach the Docker engine at unix:\/\/\/nonexistent\/docker.sock/,
  );
  const execute = await api('/dagger/workflows/w/execute', { method: 'POST' });
  assert.equal(execute.status, 503);
  assert.equal(execute.headers.get('retry-after'), '5');
  assert.equal((await api('/healthz')).status, 200);
  const listed = (await (await api('/dagger/executions')).json()) as { executions: unknown[] };
  assert.deepEqual(listed.executions, []);
  assert.deepEqual(readFileSync(join(stateDir, 'serve.pid'), 'utf8'), String(process.pid));
});
