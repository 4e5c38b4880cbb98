import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cli, cliInBackground, EngineEvents, runDir, type CliHome } from './cache-support.js';
import { IMAGE, requireTestImage, runtime, waitFor, workspace } from './run-helpers.js';
import { LABEL_RUN } from '../../core/run/sweep-orphans.js';

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

/** a → b → c → d; c fails until ./flags/ok exists, or (with `hang`) waits for it; nothing is cache: true. */
function workflow(hang: boolean): string {
  const check = hang
    ? 'while [ ! -f /flags/ok ]; do sleep 0.2; done'
    : '[ -f /flags/ok ] || { echo "no flag"; exit 3; }';
  return `name: rerun
container_config: { image: ${IMAGE} }
inputs:
  who: { default: nobody }
  token: { secret: true }
steps:
  - id: a
    command: [sh, -c, 'echo "a for $WHO"; echo "v=1" >> "$DAGGER_OUTPUT"']
    environment: { WHO: "\${inputs.who}", TOKEN: "\${inputs.token}" }
  - id: b
    command: [sh, -c, 'echo "v=$(($1 + 1))" >> "$DAGGER_OUTPUT"', sh, "\${steps.a.outputs.v}"]
    depends_on: [a]
  - id: c
    command: [sh, -c, '${check}; echo "v=$(($1 + 1))" >> "$DAGGER_OUTPUT"', sh, "\${steps.b.outputs.v}"]
    volumes: [{ source: ./flags, target: /flags, read_only: true }]
    depends_on: [b]
  - id: d
    command: [sh, -c, 'echo "v=$(($1 + 1))" >> "$DAGGER_OUTPUT"', sh, "\${steps.c.outputs.v}"]
    depends_on: [c]
outputs:
  - { name: last, value: "\${steps.d.outputs.v}" }
`;
}

const SECRET = 'tok-3f9a-not-for-disk';

void test('--rerun --failed reuses the steps before a failed third one and runs it and its dependents', async () => {
  const dir = workspace({ 'rerun.dagger.yaml': workflow(false), 'flags/.keep': '' });
  const folders = home();
  const file = join(dir, 'rerun.dagger.yaml');
  const first = cli(folders, ['run', file, '--json', '--input', 'who=ana', '--input', `token=${SECRET}`]);
  assert.equal(first.code, 1, first.stderr);
  assert.equal(first.json.steps.c?.status, 'failed');
  assert.equal(first.json.steps.d?.status, 'skipped');
  const recorded = readFileSync(join(runDir(folders, first.json.run_id), 'run.json'), 'utf8');
  assert.ok(!recorded.includes(SECRET), 'the secret input is not recorded');

  const noSecret = cli(folders, ['run', '--rerun', first.json.run_id, '--failed']);
  assert.equal(noSecret.code, 2);
  assert.match(
    noSecret.stderr,
    /secret input "token" of run \S+ is not stored: pass it again with --input token=…/,
  );

  writeFileSync(join(dir, 'flags', 'ok'), '');
  const rerun = cli(folders, [
    'run',
    '--rerun',
    first.json.run_id,
    '--failed',
    '--json',
    '--input',
    `token=${SECRET}`,
  ]);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal(rerun.json.parent_run_id, first.json.run_id);
  assert.deepEqual((await startedSteps(rerun)).sort(), ['c', 'd'], 'a and b started no container');
  assert.equal(rerun.json.steps.a?.cached, true);
  assert.equal(rerun.json.steps.b?.cached, true);
  assert.equal(rerun.json.steps.c?.cached, undefined);
  assert.equal(rerun.json.outputs.last, '4', 'c and d got the reused outputs of a and b');
  assert.match(rerun.stderr, new RegExp(`a \\| \\[dagger-wf\\] reused from run ${first.json.run_id}`));
  assert.match(rerun.stderr, /a \| a for ana/, 'the inputs of the first run, and its log replayed');
  const again = cli(folders, ['run', '--rerun', rerun.json.run_id, '--json', '--input', `token=${SECRET}`]);
  assert.deepEqual((await startedSteps(again)).sort(), ['a', 'b', 'c', 'd'], 'without --failed all run');
});

void test('a run killed with SIGKILL is resumed by --rerun --failed', async () => {
  const dir = workspace({ 'rerun.dagger.yaml': workflow(true), 'flags/.keep': '' });
  const folders = home();
  const file = join(dir, 'rerun.dagger.yaml');
  const killed = cliInBackground(folders, ['run', file, '--input', `token=${SECRET}`]);
  const runsDir = join(folders.state, 'dagger-wf', 'runs');
  let runId = '';
  await waitFor(
    () => {
      if (!existsSync(runsDir)) return false;
      const found = readRunJson(runsDir);
      runId = found?.runId ?? '';
      return found?.steps.c?.status === 'running';
    },
    'step c running',
    180_000,
  );
  killed.kill('SIGKILL');
  await new Promise((resolve) => killed.once('exit', resolve));
  writeFileSync(join(dir, 'flags', 'ok'), '');
  const resumed = cli(folders, ['run', '--rerun', runId, '--failed', '--json', '--input', `token=${SECRET}`]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.deepEqual((await startedSteps(resumed)).sort(), ['c', 'd']);
  assert.equal(resumed.json.outputs.last, '4');
  // The killed run's container of c was an orphan: the next run removed it.
  assert.deepEqual(
    await runtime.listContainers({ [LABEL_RUN]: runId }),
    [],
    'the killed run left no container',
  );
});

/** The run.json of the only run in `runsDir`. */
function readRunJson(
  runsDir: string,
): { runId: string; steps: Record<string, { status: string }> } | undefined {
  const [only] = readdirSync(runsDir);
  if (!only) return undefined;
  try {
    return JSON.parse(readFileSync(join(runsDir, only, 'run.json'), 'utf8')) as {
      runId: string;
      steps: Record<string, { status: string }>;
    };
  } catch {
    return undefined;
  }
}
