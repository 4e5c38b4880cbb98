// `dagger-wf shell RUN_ID STEP`: a shell in the filesystem a failed step left, on the real engine.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IMAGE, requireTestImage, runtime, workspace } from './run-helpers.js';
import { LABEL_RUN } from '../../core/run/sweep-orphans.js';
import { LABEL_KEPT } from '../../core/shell/shell-runtime.js';
import { startRun } from '../../core/run/run-workflow.js';

const CLI = resolve('dist/cli.js');

before(() => {
  requireTestImage();
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
});

function shell(args: string[], stdin: string) {
  const result = spawnSync(process.execPath, ['--', CLI, 'shell', ...args], {
    input: stdin,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FAILING = `
name: keep
container_config: { image: ${IMAGE} }
steps:
  - id: build
    command: [sh, -c, 'echo "half done" > /tmp/report.txt; echo "data" > /data/seen.txt; exit 4']
    environment: { MODE: release, TOKEN: "\${TOKEN}" }
    volumes: [{ source: ./data, target: /data }]
  - { id: ok, command: ["true"] }
`;

void test('the shell of a failed step sees the files it wrote before failing, its environment and volumes; secrets are blank', async () => {
  const dir = workspace({ 'keep.dagger.yaml': FAILING, 'data/.keep': '', '.env': 'TOKEN=s3cret-token\n' });
  const historyDir = join(dir, 'history');
  const handle = startRun({
    workflowFile: join(dir, 'keep.dagger.yaml'),
    runtime,
    hostEnv: {},
    historyDir,
    keepFailed: { shells: runtime },
  });
  const result = await handle.result;
  assert.equal(result.steps.build?.status, 'failed');
  const kept = await runtime.findImages({ [LABEL_RUN]: handle.runId, [LABEL_KEPT]: 'failed-step' });
  assert.equal(kept.length, 1, 'only the failed step is kept');
  assert.deepEqual(
    await runtime.listContainers({ [LABEL_RUN]: handle.runId }),
    [],
    'the container itself is gone',
  );

  const opened = shell(
    [handle.runId, 'build', '--history-dir', historyDir],
    'cat /tmp/report.txt; echo "mode=$MODE token=[$TOKEN]"; ls /data; exit 3\n',
  );
  assert.equal(opened.code, 3, `the shell's exit code: ${opened.stderr}`);
  assert.match(opened.stdout, /half done/);
  assert.match(opened.stdout, /mode=release token=\[\]/);
  assert.match(opened.stdout, /seen\.txt/);
  assert.doesNotMatch(opened.stdout + opened.stderr, /s3cret-token/);
  assert.match(opened.stderr, /TOKEN held a secret and is empty here/);
  assert.deepEqual(
    await runtime.listContainers({ [LABEL_RUN]: handle.runId }),
    [],
    'the shell container is removed',
  );

  const succeeded = shell([handle.runId, 'ok', '--history-dir', historyDir], '');
  assert.equal(succeeded.code, 2);
  assert.match(
    succeeded.stderr,
    /step "ok" of run .* succeeded: only the filesystem of a failed step is kept/,
  );
  assert.match(
    shell(['20000101-000000-0000', 'x', '--history-dir', historyDir], '').stderr,
    /no run 20000101/,
  );

  // Pruned with the run history: the next run with a limit of 0 removes the folder, then the image.
  rmSync(join(historyDir, handle.runId), { recursive: true });
  await startRun({
    workflowFile: join(dir, 'keep.dagger.yaml'),
    text: 'name: n\nsteps:\n  - { id: a, image: ' + IMAGE + ', command: ["true"] }\n',
    runtime,
    hostEnv: {},
    historyDir,
    keepFailed: { shells: runtime },
  }).result;
  assert.deepEqual(await runtime.findImages({ [LABEL_RUN]: handle.runId, [LABEL_KEPT]: 'failed-step' }), []);
});

void test('an image without a shell gets a clear message, and its container is removed', async () => {
  // The test image has /bin/sh; an empty folder mounted over /bin hides it, as in an image that has none.
  const empty = workspace({ 'bin/.keep': '' });
  const id = await runtime.createShellContainer({
    image: IMAGE,
    env: {},
    mounts: [{ source: join(empty, 'bin'), target: '/bin', readOnly: true }],
    labels: { [LABEL_RUN]: 'shell-test-no-shell' },
    tty: false,
  });
  const opened = shell(['--attach', id], '');
  assert.equal(opened.code, 1);
  assert.match(opened.stderr, /the image has no \/bin\/sh, so no shell can open in it/);
  assert.deepEqual(await runtime.listContainers({ [LABEL_RUN]: 'shell-test-no-shell' }), []);
});
