import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { IMAGE, requireTestImage, runToEnd, waitFor, workspace } from './run-helpers.js';

// A real pull: a registry on loopback (Debian's docker-registry; Docker trusts 127.0.0.0/8 without TLS),
// holding the test image under a name the engine does not have locally.
let registry: ChildProcess | undefined;
let image = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

before(async () => {
  requireTestImage();
  try {
    execFileSync('sh', ['-c', 'command -v docker-registry'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'docker-registry is missing: run scripts/ci/start-docker.sh (apt-get install docker-registry)',
    );
  }
  const port = await freePort();
  const dir = workspace({});
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${dir}/data } }\nhttp: { addr: 127.0.0.1:${port} }\n`,
  );
  registry = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  let up = false;
  await waitFor(() => {
    void fetch(`http://127.0.0.1:${port}/v2/`).then(
      (response) => (up = response.ok),
      () => undefined,
    );
    return up;
  }, 'the registry to answer');
  image = `localhost:${port}/dagger-test/pull:${process.pid}`;
  execFileSync('docker', ['tag', IMAGE, image]);
  execFileSync('docker', ['push', image], { stdio: 'ignore' });
  execFileSync('docker', ['rmi', image], { stdio: 'ignore' });
});

after(() => {
  if (image) execFileSync('sh', ['-c', `docker rmi ${image} >/dev/null 2>&1 || true`]);
  registry?.kill();
});

void test('an image missing locally is pulled once per run, with imagePull progress events', async () => {
  const dir = workspace({
    'pull.dagger.yaml': `
name: pull
steps:
  - { id: first, image: ${image}, command: [echo, pulled] }
  - { id: second, image: ${image}, command: [echo, again] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'pull.dagger.yaml') });
  assert.equal(run.result.status, 'succeeded');
  assert.equal(run.log('first'), 'pulled\n');
  const pulls = run.events.flatMap((e) => (e.type === 'imagePull' ? [e] : []));
  assert.ok(pulls.length > 0, 'progress events');
  assert.ok(pulls.every((e) => e.image === image));
  assert.equal(new Set(pulls.map((e) => e.stepId)).size, 1, 'one pull for both steps');
  assert.ok(pulls.some((e) => /Downloaded newer image|Pull complete|Digest/.test(e.status)));
  execFileSync('docker', ['image', 'inspect', image], { stdio: 'ignore' });
});

void test('an image name holding a secret input is masked in the pull progress', async () => {
  execFileSync('sh', ['-c', `docker rmi ${image} >/dev/null 2>&1 || true`]);
  const repository = image.slice(0, image.lastIndexOf(':'));
  const tag = image.slice(image.lastIndexOf(':') + 1);
  const dir = workspace({
    'private.dagger.yaml': `
name: private tag
inputs:
  tag: { secret: true }
steps:
  - { id: fetch, image: "${repository}:\${inputs.tag}", command: [echo, fetched] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'private.dagger.yaml'), inputs: { tag } });
  assert.equal(run.result.status, 'succeeded');
  const pulls = run.events.flatMap((e) => (e.type === 'imagePull' ? [e] : []));
  assert.ok(pulls.length > 0, 'progress events');
  assert.ok(pulls.every((e) => e.image.endsWith(':***')));
  assert.ok(
    pulls.some((e) => e.status.includes('***')),
    'the engine names the image in its status too',
  );
  assert.ok(!JSON.stringify(run.events).includes(tag), 'no event holds the secret');
});
