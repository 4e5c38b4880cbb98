// Engine faults seen from the extension (test/e2e/engine-faults.test.ts runs this module in code-server's
// extension host): the second engine of the outer test is killed, frozen and restarted under a run, the run
// history's disk fills up, a step floods its output. The Runs tree must end every run with its reason.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../../client/views/run-record.js';
import type { RunRecord as StoredRun } from '../../../core/run/history/run-record.js';
import {
  SECOND_ENGINE_HOST,
  freezeSecondEngine,
  killSecondEngine,
  restartSecondEngine,
  startSecondEngine,
  thawSecondEngine,
} from '../../docker/second-engine.js';
import { measurements, runSuite, waitFor } from './suite.js';
import { extensionApi, workspaceFile } from './workspace.js';

const IMAGE = 'dagger-test/busybox:latest';
const LOST = /^lost the Docker engine at unix:\/\/\/tmp\/dwtest-docker\.sock: /;
const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

const LONG = `name: Long
container_config: { image: ${IMAGE} }
steps:
  - { id: stubborn, command: [sleep, "600"] }
  - { id: polite, command: [sh, -c, "trap 'exit 143' TERM; sleep 600 & wait"] }
  - { id: after, command: [echo, never], depends_on: [stubborn] }
`;

/** Write a workflow into the workspace and start it as the Run Workflow command does. */
async function startRun(name: string, text: string): Promise<string> {
  writeFileSync(workspaceFile(name).fsPath, text);
  const runId = await vscode.commands.executeCommand<string | undefined>(
    'daggerWorkflows.runWorkflow',
    workspaceFile(name),
    { inputs: {} },
  );
  assert.ok(runId, 'the run started');
  return runId;
}

function containersOf(runId: string): string[] {
  const out = execFileSync('docker', ['ps', '-q', '--filter', `label=dagger-wf.run=${runId}`], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: SECOND_ENGINE_HOST },
  });
  return out.split('\n').filter(Boolean);
}

/** Start the long workflow on an engine that answers and wait until both of its sleeping steps run. */
async function startLongRun(): Promise<string> {
  await startSecondEngine();
  const runId = await startRun('long.dagger.yaml', LONG);
  await waitFor(
    'both long steps to run',
    () => (containersOf(runId).length === 2 ? true : undefined),
    60_000,
  );
  return runId;
}

async function finished(runId: string, timeoutMs = 60_000): Promise<RunRecord> {
  const api = await extensionApi();
  return waitFor(
    `run ${runId} to end`,
    () => api.runs().find((run) => run.runId === runId && FINAL.has(run.status)),
    timeoutMs,
  );
}

/** Nothing of the run is left spinning: not in the tree, not in its run.json. */
async function assertEnded(run: RecordLike): Promise<void> {
  for (const step of run.steps)
    assert.ok(!['pending', 'running'].includes(step.status), `${step.id}: ${step.status}`);
  const api = await extensionApi();
  const stored = JSON.parse(readFileSync(join(api.historyDir, run.runId, 'run.json'), 'utf8')) as StoredRun;
  assert.notEqual(stored.status, 'running');
  assert.ok(!api.runs().some((other) => other.status === 'running'), 'no run is shown running');
}

type RecordLike = Pick<RunRecord, 'runId' | 'steps'>;

export async function run(): Promise<void> {
  await vscode.workspace
    .getConfiguration('daggerWorkflows')
    .update('dockerHost', SECOND_ENGINE_HOST, vscode.ConfigurationTarget.Workspace);
  await runSuite([
    {
      name: 'engine killed mid-run: the run ends failed, naming the engine, its steps with their reasons',
      async run() {
        const runId = await startLongRun();
        killSecondEngine();
        const run = await finished(runId);
        assert.equal(run.status, 'failed');
        assert.match(run.error ?? '', LOST);
        const byId = Object.fromEntries(run.steps.map((step) => [step.id, step]));
        for (const id of ['stubborn', 'polite']) {
          assert.equal(byId[id]?.status, 'failed', id);
          assert.match(byId[id]?.reason ?? '', LOST, id);
        }
        assert.equal(byId.after?.status, 'cancelled');
        assert.match(byId.after?.reason ?? '', /^not started: lost the Docker engine/);
        assert.ok(
          run.warnings?.some((warning) => /containers of run \S+ may be left behind/.test(warning)),
          'the user is told the containers may be left',
        );
        await assertEnded(run);
      },
    },
    {
      name: 'engine restarted mid-run: the run ends failed naming the engine, not as a step failure',
      async run() {
        const runId = await startLongRun();
        await restartSecondEngine();
        const run = await finished(runId);
        assert.equal(run.status, 'failed');
        assert.match(run.error ?? '', LOST);
        for (const step of run.steps)
          assert.doesNotMatch(step.reason ?? '', /ENOENT|exited with code/, step.id);
        await assertEnded(run);
      },
    },
    {
      name: 'engine frozen mid-run: Cancel Run twice ends the run at once, without waiting on the engine',
      async run() {
        const runId = await startLongRun();
        freezeSecondEngine();
        try {
          await vscode.commands.executeCommand('daggerWorkflows.cancelRun', runId);
          await vscode.commands.executeCommand('daggerWorkflows.cancelRun', runId);
          // The engine's own silence limit is 30 s: ending before it is the forced cancel's doing.
          const run = await finished(runId, 20_000);
          assert.equal(run.status, 'cancelled');
          for (const id of ['stubborn', 'polite'])
            assert.match(
              run.steps.find((step) => step.id === id)?.reason ?? '',
              /the engine did not confirm that the container stopped/,
            );
          await assertEnded(run);
        } finally {
          thawSecondEngine();
        }
      },
    },
    {
      name: 'engine frozen mid-run, nobody cancels: the run ends by itself once the engine is silent too long',
      async run() {
        const runId = await startLongRun();
        freezeSecondEngine();
        try {
          const run = await finished(runId, 90_000);
          assert.equal(run.status, 'failed');
          assert.match(run.error ?? '', /: it has not answered for \d+ s$/);
          await assertEnded(run);
        } finally {
          thawSecondEngine();
        }
      },
    },
    {
      name: 'the history disk fills up mid-run: the run ends as usual, with a warning; its record is not left running',
      async run() {
        await startSecondEngine();
        const api = await extensionApi();
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', api.historyDir]);
        try {
          const runId = await startRun(
            'chatty.dagger.yaml',
            `name: Chatty\nsteps:\n  - { id: talk, image: ${IMAGE}, command: [sh, -c, "i=0; while [ $i -lt 20000 ]; do echo line $i of a long log; i=$((i+1)); done"] }\n`,
          );
          const run = await finished(runId);
          assert.equal(run.status, 'succeeded');
          const warnings = run.warnings ?? [];
          assert.equal(warnings.length, 1, warnings.join('\n'));
          assert.match(warnings[0] ?? '', /^cannot write the run history in .+ \(no space left on device\)/);
          await assertEnded(run);
        } finally {
          execFileSync('umount', [api.historyDir]);
        }
      },
    },
    {
      name: 'a step printing 600 MB without a newline: the run ends succeeded, the extension host stays small',
      async run() {
        await startSecondEngine();
        const before = process.memoryUsage().rss;
        const runId = await startRun(
          'flood.dagger.yaml',
          `name: Flood\nsteps:\n  - id: flood\n    image: ${IMAGE}\n    command: [sh, -c, "head -c 1048576 /dev/zero | tr '\\\\0' x > /tmp/x; i=0; while [ $i -lt 600 ]; do cat /tmp/x; i=$((i+1)); done; echo; echo after the flood"]\n`,
        );
        const run = await finished(runId, 240_000);
        assert.equal(run.status, 'succeeded', run.steps[0]?.reason);
        const grown = (process.resourceUsage().maxRSS * 1024 - before) / 1024 ** 2;
        measurements.floodPeakMemoryGrowthMiB = Math.round(grown);
        assert.ok(grown < 300, `the extension host grew by ${grown.toFixed(0)} MiB`);
      },
    },
  ]);
}
