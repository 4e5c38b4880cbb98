import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pushTestImage, startRegistry } from './loopback-registry.js';
import { requireTestImage, runToEnd, workspace } from './run-helpers.js';

// A real pull: a registry on loopback holding the test image under a name the engine does not have locally.
let image = '';

before(async () => {
  requireTestImage();
  image = pushTestImage(await startRegistry(), `dagger-test/pull:${process.pid}`);
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
