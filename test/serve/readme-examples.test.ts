import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundledCli, requireTestImage, waitFor, workspace } from './serve-helpers.js';

/** The code blocks of the README's REST API section, by language, in order. */
function readmeBlocks(): { bash: string[]; python: string[] } {
  const readme = readFileSync(resolve('README.md'), 'utf8');
  const start = readme.indexOf('## REST API (`dagger-wf serve`)');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const blocks = { bash: [] as string[], python: [] as string[] };
  for (const match of section.matchAll(/```(bash|python)\n([\s\S]*?)```/g))
    blocks[match[1] as 'bash' | 'python'].push(match[2] ?? '');
  return blocks;
}

before(() => {
  requireTestImage();
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    execFileSync('python3', ['-c', 'import requests'], { stdio: 'ignore' });
  } catch {
    throw new Error('curl or python3-requests is missing: run scripts/ci/install-example-clients.sh');
  }
});

void test("the README's curl and Python requests examples run as written against dagger-wf serve examples/", async () => {
  const blocks = readmeBlocks();
  assert.equal(blocks.bash.length, 2);
  assert.equal(blocks.python.length, 1);
  assert.match(blocks.bash[0] ?? '', /^node dist\/cli\.js serve examples /);
  // The server as the README starts it; its token goes where the examples read it (~ is this test's HOME).
  const home = workspace({});
  const env = { PATH: process.env.PATH, HOME: home };
  const server = spawn(process.execPath, ['--', bundledCli(), 'serve', resolve('examples'), '--port', '0'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolveExit) => server.on('exit', resolveExit));
  try {
    await waitFor(
      () => /listening on http:\/\/127\.0\.0\.1:\d+/.test(output),
      'the server to listen',
      60_000,
    );
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1] ?? '';
    // The only change: the port the test server got instead of 8000.
    const onPort = (code: string) => code.replaceAll('http://localhost:8000', `http://localhost:${port}`);

    const curl = spawnSync('bash', ['-euo', 'pipefail', '-c', onPort(blocks.bash[1] ?? '')], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(curl.status, 0, curl.stderr);
    const lines = curl.stdout.trimEnd().split('\n');
    const events = lines
      .filter((line) => line.startsWith('event: '))
      .map((line) => line.slice('event: '.length));
    assert.equal(events[0], 'runStarted');
    assert.deepEqual(events.slice(-2), ['runFinished', 'end']);
    const execution = JSON.parse(lines.at(-1) ?? '') as { status: string; outputs: Record<string, string> };
    assert.deepEqual(
      [execution.status, execution.outputs],
      ['succeeded', { shout: 'HELLO, ADA', letters: '10' }],
    );

    const python = spawnSync('python3', ['-c', onPort(blocks.python[0] ?? '')], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(python.status, 0, python.stderr);
    assert.equal(python.stdout, "succeeded {'shout': 'HELLO, ADA', 'letters': '10'}\n");
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
});
