import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IntegrationTest } from './suite.js';
import { waitFor } from './suite.js';
import { extensionApi, openWorkspaceFile, workspaceFile } from './workspace.js';
import type { RunRecord } from '../../../client/views/run-record.js';

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Start a run through the command, as the editor button does, and wait for it to end. */
async function runToEnd(command: string, ...args: unknown[]): Promise<RunRecord> {
  const runId = await vscode.commands.executeCommand<string | undefined>(command, ...args);
  assert.ok(runId, `${command} started a run`);
  const api = await extensionApi();
  return waitFor(
    `run ${runId} to finish`,
    () => api.runs().find((run) => run.runId === runId && FINAL.has(run.status)),
    90_000,
  );
}

function containersOf(runId: string): string[] {
  const out = execFileSync('docker', ['ps', '-a', '-q', '--filter', `label=dagger-wf.run=${runId}`], {
    encoding: 'utf8',
  });
  return out.split('\n').filter(Boolean);
}

export const runTests: IntegrationTest[] = [
  {
    name: 'Run Workflow runs every step on Docker; the tree record ends with each step succeeded, in topological order',
    async run() {
      const uri = workspaceFile('pipeline.dagger.yaml');
      const run = await runToEnd('daggerWorkflows.runWorkflow', uri, { inputs: { audience: 'ci' } });
      assert.equal(run.status, 'succeeded', run.error);
      assert.deepEqual(
        run.steps.map((step) => [step.id, step.status, step.exitCode]),
        [
          ['build', 'succeeded', 0],
          ['lint', 'succeeded', 0],
          ['test', 'succeeded', 0],
          ['report', 'succeeded', 0],
        ],
      );
      assert.deepEqual(containersOf(run.runId), [], 'every container is removed');
      const api = await extensionApi();
      assert.ok(existsSync(api.historyDir), 'the run is kept in the history folder');
      assert.ok(readdirSync(api.historyDir).length > 0);
    },
  },
  {
    name: 'the env file of the daggerWorkflows.envFile setting feeds ${NAME}, masked in the kept log',
    async run() {
      const run = await runToEnd('daggerWorkflows.runWorkflow', workspaceFile('greeting.dagger.yaml'), {
        inputs: {},
      });
      assert.equal(run.status, 'succeeded', run.error);
      const api = await extensionApi();
      const log = readFileSync(join(api.historyDir, run.runId, 'greet.log'), 'utf8');
      assert.match(log, /greeting: \*\*\*/, 'the value came from the env file and is masked as a secret');
      assert.doesNotMatch(log, /hello-from-the-env-file/);
    },
  },
  {
    name: 'Run Step runs the step with its dependencies only',
    async run() {
      const run = await runToEnd('daggerWorkflows.runStep', workspaceFile('pipeline.dagger.yaml'), 'test', {
        inputs: {},
      });
      assert.equal(run.status, 'succeeded', run.error);
      assert.deepEqual(
        run.steps.map((step) => step.id),
        ['build', 'test'],
      );
    },
  },
  {
    name: 'Rerun Step (tree context menu) reruns that step with its dependencies',
    async run() {
      const api = await extensionApi();
      const previous = api
        .runs()
        .find((r) => r.workflowFile.endsWith('pipeline.dagger.yaml') && !r.onlySteps);
      assert.ok(previous);
      const step = previous.steps.find((s) => s.id === 'report');
      assert.ok(step);
      const runId = await vscode.commands.executeCommand<string>('daggerWorkflows.rerunStep', {
        kind: 'step',
        run: previous,
        step,
      });
      assert.ok(runId);
      const run = await waitFor('the rerun to finish', () =>
        api.runs().find((r) => r.runId === runId && FINAL.has(r.status)),
      );
      assert.equal(run.status, 'succeeded', run.error);
      // report depends on every other step, so all of them run again.
      assert.deepEqual(
        run.steps.map((s) => s.id),
        ['build', 'lint', 'test', 'report'],
      );
      assert.deepEqual(run.onlySteps, ['report']);
    },
  },
  {
    name: 'a failed step: dependents skipped with the reason, a diagnostic on its id: line, cleared by the next run',
    async run() {
      const uri = workspaceFile('failing.dagger.yaml');
      await openWorkspaceFile('failing.dagger.yaml');
      const run = await runToEnd('daggerWorkflows.runWorkflow', uri, { inputs: {} });
      assert.equal(run.status, 'failed');
      const byId = Object.fromEntries(run.steps.map((step) => [step.id, step]));
      assert.equal(byId.prepare?.status, 'succeeded');
      assert.equal(byId.broken?.status, 'failed');
      assert.equal(byId.broken?.exitCode, 3);
      assert.equal(byId.after?.status, 'skipped');
      assert.match(byId.after?.reason ?? '', /broken/);
      const diagnostic = await waitFor('the failed-step diagnostic', () =>
        vscode.languages.getDiagnostics(uri).find((d) => d.source === 'dagger run'),
      );
      assert.equal(diagnostic.range.start.line, 6, 'on the `id: broken` line');
      assert.match(diagnostic.message, /broken/);
      const rerun = await vscode.commands.executeCommand<string>('daggerWorkflows.rerun');
      assert.ok(rerun);
      assert.equal(
        vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'dagger run').length,
        0,
        'cleared when the workflow runs again',
      );
      const api = await extensionApi();
      await waitFor(
        'the rerun to finish',
        () => api.runs().find((r) => r.runId === rerun && FINAL.has(r.status)),
        60_000,
      );
    },
  },
  {
    name: 'an invalid workflow is refused before any container starts and leaves no run in the tree',
    async run() {
      const api = await extensionApi();
      const runId = await vscode.commands.executeCommand<string>(
        'daggerWorkflows.runWorkflow',
        workspaceFile('typo.dagger.yaml'),
        {
          inputs: {},
        },
      );
      assert.ok(runId, 'the runner was asked');
      await waitFor('the refused run to leave the tree', () =>
        api.runs().some((r) => r.runId === runId) ? undefined : true,
      );
      assert.deepEqual(containersOf(runId), []);
    },
  },
  {
    name: 'Cancel Run mid-run stops the run and leaves no containers',
    async run() {
      const api = await extensionApi();
      const runId = await vscode.commands.executeCommand<string>(
        'daggerWorkflows.runWorkflow',
        workspaceFile('slow.dagger.yaml'),
        {
          inputs: {},
        },
      );
      assert.ok(runId);
      await waitFor('both sleeping steps to run', () => {
        const run = api.runs().find((r) => r.runId === runId);
        return run?.steps.filter((step) => step.status === 'running').length === 2 ? true : undefined;
      });
      await waitFor('the sleeping containers to exist', () =>
        containersOf(runId).length >= 2 ? true : undefined,
      );
      await vscode.commands.executeCommand('daggerWorkflows.cancelRun');
      const run = await waitFor('the run to end', () =>
        api.runs().find((r) => r.runId === runId && FINAL.has(r.status)),
      );
      assert.equal(run.status, 'cancelled');
      assert.deepEqual(containersOf(runId), [], 'no container of the run is left');
      const last = run.steps.find((step) => step.id === 'last');
      assert.notEqual(last?.status, 'succeeded');
    },
  },
  {
    name: 'Copy docker run command gives a shell-quoted equivalent of the step container',
    async run() {
      const api = await extensionApi();
      const run = api.runs().find((r) => r.workflowFile.endsWith('pipeline.dagger.yaml'));
      assert.ok(run);
      const step = run.steps.find((s) => s.id === 'build');
      assert.ok(step);
      const text = await vscode.commands.executeCommand<string>('daggerWorkflows.copyDockerRunCommand', {
        kind: 'step',
        run,
        step,
      });
      assert.equal(
        text,
        "docker run --rm --label dagger-wf.step=build --entrypoint sh dagger-test/busybox:latest -c 'echo building the app; echo compiler warning >&2; echo version=1.2.3 >> $DAGGER_OUTPUT'",
      );
      assert.equal(await vscode.env.clipboard.readText(), text);
    },
  },
  {
    name: 'runs kept on disk are read back by Refresh Runs',
    async run() {
      const api = await extensionApi();
      await vscode.commands.executeCommand('daggerWorkflows.refreshRuns');
      const folders = readdirSync(api.historyDir).filter((name) =>
        existsSync(join(api.historyDir, name, 'run.json')),
      );
      assert.ok(folders.length >= 4, `history has the runs of this suite (${folders.length})`);
      for (const folder of folders)
        assert.ok(
          api.runs().some((run) => run.runId === folder),
          `${folder} is in the tree`,
        );
    },
  },
];
