// The engine going away mid-run, for real: a second Docker engine of the test's own (second-engine.ts) is
// killed, frozen and restarted under `dagger-wf run`. Nothing here touches the engine other tests use.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import type { RunRecord } from '../../core/run/history/run-record.js';
import type { RunResult } from '../../core/run/run-result.js';
import { LABEL_RUN } from '../../core/run/sweep-orphans.js';
import { startCliRun } from './cli-helpers.js';
import { IMAGE, requireTestImage, waitFor, workspace } from './run-helpers.js';
import {
  SECOND_ENGINE_HOST,
  destroySecondEngine,
  freezeSecondEngine,
  killSecondEngine,
  loadImage,
  restartSecondEngine,
  startSecondEngine,
  thawSecondEngine,
} from './second-engine.js';

const engine = () => createDockerRuntime({ dockerHost: SECOND_ENGINE_HOST });
const LOST = /lost the Docker engine at unix:\/\/\/tmp\/dwtest-docker\.sock/;

before(async () => {
  requireTestImage();
  await destroySecondEngine();
  await startSecondEngine();
  loadImage(IMAGE);
});
after(async () => {
  await destroySecondEngine();
});

// Steps that outlive any test: a CLI that has not ended on its own by the test's timeout never would.
const LONG_RUN = `
name: long
container_config: { image: ${IMAGE} }
steps:
  - { id: stubborn, command: [sleep, "600"] }
  - id: polite
    command: [sh, -c, "trap 'exit 143' TERM; sleep 600 & wait"]
  - { id: after, command: ["true"], depends_on: [stubborn] }
`;

interface BackgroundRun {
  runId: string;
  exited: Promise<number | null>;
  stderr(): string;
  result(): RunResult;
  /** The run folder. */
  dir: string;
  record(): RunRecord;
  signal(name: NodeJS.Signals): void;
}

/** `dagger-wf run --json` on the second engine, in the background, once both long steps run. */
async function startLongRun(): Promise<BackgroundRun> {
  // Each test leaves the engine in its fault; the next one starts from an engine that answers.
  await startSecondEngine();
  const dir = workspace({ 'long.dagger.yaml': LONG_RUN });
  const state = workspace({});
  const runtime = engine();
  const cli = await startCliRun(['run', join(dir, 'long.dagger.yaml'), '--json'], runtime, 2, {
    DOCKER_HOST: SECOND_ENGINE_HOST,
    XDG_STATE_HOME: state,
  });
  runtime.dispose();
  const { runId, exited, child } = cli;
  return {
    runId,
    exited,
    stderr: () => cli.output().stderr,
    result: () => JSON.parse(cli.output().stdout) as RunResult,
    dir: join(state, 'dagger-wf', 'runs', runId),
    record: () =>
      JSON.parse(readFileSync(join(state, 'dagger-wf', 'runs', runId, 'run.json'), 'utf8')) as RunRecord,
    signal: (name) => child.kill(name),
  };
}

/** The run ended for real: no step left pending or running, in the result and in run.json. */
function assertFinal(run: BackgroundRun): void {
  const record = run.record();
  assert.notEqual(record.status, 'running');
  assert.ok(record.finished_at);
  for (const steps of [run.result().steps, record.steps])
    for (const [id, step] of Object.entries(steps)) {
      assert.ok(!['pending', 'running'].includes(step.status), `${id} is ${step.status}`);
      assert.ok(step.finished_at, `${id} has finished_at`);
    }
  assert.deepEqual(readdirSync(run.dir).sort(), ['after.log', 'polite.log', 'run.json', 'stubborn.log']);
}

void test(
  'engine killed mid-run: exit 3 naming the engine, running steps failed, the rest not started',
  { timeout: 120_000 },
  async () => {
    const run = await startLongRun();
    killSecondEngine();
    assert.equal(await run.exited, 3, run.stderr());
    assert.match(run.stderr(), new RegExp(`^dagger-wf: ${LOST.source}: `, 'm'));
    const { status, steps } = run.result();
    assert.equal(status, 'failed');
    for (const id of ['stubborn', 'polite']) {
      assert.equal(steps[id]?.status, 'failed', id);
      assert.match(steps[id]?.reason ?? '', LOST, id);
      assert.ok(steps[id]?.started_at, `${id} started`);
    }
    assert.equal(steps.after?.status, 'cancelled');
    assert.match(steps.after?.reason ?? '', new RegExp(`^not started: ${LOST.source}`));
    assert.equal(steps.after?.started_at, null, 'a step that never started has no started_at');
    assert.deepEqual(run.record().fault?.kind, 'engine-lost');
    assertFinal(run);
    // Its containers still run under the dead engine's shims: said so, and the next run there sweeps them.
    assert.match(run.stderr(), /warning: the containers of run \S+ may be left behind/);
    await startSecondEngine();
    const next = await startLongRun();
    const runtime = engine();
    assert.deepEqual(await runtime.listContainers({ [LABEL_RUN]: run.runId }), [], 'swept by the next run');
    next.signal('SIGINT');
    assert.equal(await next.exited, 130);
    runtime.dispose();
  },
);

void test(
  'engine restarted mid-run: exit 3 naming the engine, not a step failure',
  { timeout: 120_000 },
  async () => {
    const run = await startLongRun();
    await restartSecondEngine();
    assert.equal(await run.exited, 3, run.stderr());
    assert.match(run.stderr(), new RegExp(`^dagger-wf: ${LOST.source}`, 'm'));
    assert.doesNotMatch(run.stderr(), /ENOENT|exited with code/);
    const { steps } = run.result();
    for (const id of ['stubborn', 'polite']) assert.match(steps[id]?.reason ?? '', LOST, id);
    assertFinal(run);
  },
);

void test(
  'engine frozen mid-run: a second Ctrl-C ends the CLI without waiting on the engine',
  { timeout: 120_000 },
  async () => {
    const run = await startLongRun();
    freezeSecondEngine();
    try {
      run.signal('SIGINT');
      await waitFor(() => run.stderr().includes('cancelling'), 'the first SIGINT handled');
      run.signal('SIGINT');
      // Without a bound it waits for the frozen engine forever; the engine's own silence limit is 30 s.
      const code = await Promise.race([
        run.exited,
        new Promise((done) => setTimeout(() => done('still running'), 20_000)),
      ]);
      assert.equal(code, 130, run.stderr());
      const { status, steps } = run.result();
      assert.equal(status, 'cancelled');
      for (const id of ['stubborn', 'polite'])
        assert.match(steps[id]?.reason ?? '', /the engine did not confirm that the container stopped/, id);
      assert.match(run.stderr(), /warning: the containers of run \S+ may be left behind/);
      assertFinal(run);
    } finally {
      thawSecondEngine();
    }
  },
);

void test(
  'engine frozen mid-run, nobody there: the run ends by itself with exit 3 once the engine is silent too long',
  { timeout: 150_000 },
  async () => {
    const run = await startLongRun();
    freezeSecondEngine();
    try {
      assert.equal(await run.exited, 3, run.stderr());
      assert.match(
        run.stderr(),
        new RegExp(`^dagger-wf: ${LOST.source}: it has not answered for \\d+ s`, 'm'),
      );
      assertFinal(run);
    } finally {
      thawSecondEngine();
    }
  },
);
