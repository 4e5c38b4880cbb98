import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainWorkflow, CLI, cli, EngineEvents, type CliHome } from './cache-support.js';
import { IMAGE, requireTestImage, workspace } from './run-helpers.js';

const engine = new EngineEvents();
after(() => engine.stop());
const startedSteps = (run: { json: { run_id: string } }) => engine.startedSteps(run.json.run_id, IMAGE);

before(() => {
  requireTestImage();
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
});

function home(): CliHome {
  return { state: workspace({}), cache: workspace({}) };
}

void test('a 40-step cached chain: the second run starts no container and gives identical outputs', async () => {
  const dir = workspace({ 'chain.dagger.yaml': chainWorkflow(40, IMAGE) });
  const folders = home();
  const file = join(dir, 'chain.dagger.yaml');
  const first = cli(folders, ['run', file, '--json']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.json.outputs.last, '40');
  assert.equal((await startedSteps(first)).length, 40, 'docker events sees every container of the first run');
  const second = cli(folders, ['run', file, '--json']);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(await startedSteps(second), [], 'the second run started no container');
  assert.deepEqual(second.json.outputs, first.json.outputs);
  for (const [id, step] of Object.entries(second.json.steps)) {
    assert.equal(step.cached, true, id);
    assert.deepEqual(step.outputs, first.json.steps[id]?.outputs, id);
  }
  assert.match(second.stderr, new RegExp(`s39 \\| \\[dagger-wf\\] cached from run ${first.json.run_id}`));
  assert.match(second.stderr, /s39 \| step 40/, 'the stored log is replayed');
  const ignored = cli(folders, ['run', file, '--json', '--no-cache', '--step', 's1']);
  assert.deepEqual((await startedSteps(ignored)).sort(), ['s0', 's1'], '--no-cache runs them');
});

void test('touching a file in a read-only volume misses that step and its dependents, naming the volume', async () => {
  const dir = workspace({
    'ro.dagger.yaml': `name: ro
container_config: { image: ${IMAGE}, cache: true }
steps:
  - id: read
    command: [sh, -c, 'echo "sum=$(cat /src/*.txt | md5sum | cut -c1-8)" >> "$DAGGER_OUTPUT"']
    volumes: [{ source: ./src, target: /src, read_only: true }]
  - id: use
    command: [echo, "\${steps.read.outputs.sum}"]
    depends_on: [read]
  - id: other
    command: [echo, unrelated]
  - id: writes
    command: [sh, -c, 'echo hi > /out/file']
    volumes: [{ source: ./out, target: /out }]
`,
    'src/a.txt': 'one\n',
    'src/b.txt': 'two\n',
    'out/.keep': '',
  });
  const folders = home();
  const file = join(dir, 'ro.dagger.yaml');
  assert.equal(cli(folders, ['run', file]).code, 0);
  writeFileSync(join(dir, 'src', 'b.txt'), 'two, edited\n');
  const second = cli(folders, ['run', file, '--json']);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual((await startedSteps(second)).sort(), ['read', 'use', 'writes']);
  assert.match(second.stderr, /cache: read miss: volume \/src changed/);
  assert.match(second.stderr, /cache: use miss: command changed; output read\.sum changed/);
  assert.match(second.stderr, /cache: other hit/);
  assert.match(second.stderr, /cache: writes not cached: volume \/out is writable/);
  assert.equal(second.json.steps.other?.cached, true);
});

void test('retagging the image to another image misses with "image digest changed"', async (context) => {
  const tag = `dagger-wf-cache-test/retag:${randomBytes(4).toString('hex')}`;
  const other = `dagger-wf-cache-test/other:${randomBytes(4).toString('hex')}`;
  after(() => spawnSync('docker', ['rmi', '-f', tag, other], { stdio: 'ignore' }));
  execFileSync('docker', ['tag', IMAGE, tag]);
  const build = spawnSync('docker', ['build', '-q', '-t', other, '-'], {
    input: `FROM ${IMAGE}\nLABEL dagger-wf-test=another-image\n`,
    encoding: 'utf8',
    // The classic builder: BuildKit would ask a registry about the base image.
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  if (build.status !== 0) return context.skip(`cannot build a second local image: ${build.stderr}`);
  const dir = workspace({ 'tag.dagger.yaml': chainWorkflow(1, tag) });
  const folders = home();
  const file = join(dir, 'tag.dagger.yaml');
  assert.equal(cli(folders, ['run', file]).code, 0);
  assert.match(cli(folders, ['run', file]).stderr, /cache: s0 hit/);
  execFileSync('docker', ['tag', other, tag]);
  const retagged = cli(folders, ['run', file, '--json']);
  assert.equal(retagged.code, 0, retagged.stderr);
  assert.match(retagged.stderr, /cache: s0 miss: image digest changed/);
  assert.deepEqual(await startedSteps(retagged), ['s0']);
});
