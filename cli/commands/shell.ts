import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRun } from '../../core/run/history/list-runs.js';
import type { BindMount } from '../../core/run/runtime.js';
import { LABEL_RUN, LABEL_STEP } from '../../core/run/sweep-orphans.js';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import { EngineUnreachableError } from '../../core/run/run-errors.js';
import { LABEL_KEPT, LABEL_MOUNTS, LABEL_SECRET_ENV, LABEL_SHELL } from '../../core/shell/shell-runtime.js';
import { parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { defaultHistoryDir } from './run.js';

const HELP = `Usage: dagger-wf shell RUN_ID STEP [--history-dir DIR]

Open an interactive shell (/bin/sh) in a container holding the filesystem a failed step left: its files as they
were when it failed, its environment and its volumes. \`dagger-wf run\` keeps that filesystem (an image labelled
dagger-wf.kept) for every failed step of a run kept in the history, and removes it when the run folder is pruned.
Variables that held a secret are empty in the shell. Changes made in the shell are discarded when it exits, and
its container is removed.

Options:
  --history-dir DIR    the run history (default: as dagger-wf run)
  -h, --help           show this help

Exit codes: the shell's own; 2 when the run, the step or its kept filesystem is not found; 3 engine unreachable.`;

/** `dagger-wf shell`: a shell in a failed step's kept filesystem (and, with --attach, a debugger's shell). */
export const shellCommand: CliCommand = {
  name: 'shell',
  summary: "open a shell in a failed step's filesystem",
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('shell', argv, {
      'history-dir': { type: 'string' },
      // A shell container the debugger created (its terminal runs this): start it, connect, remove it.
      attach: { type: 'string' },
    });
    const runtime = createDockerRuntime();
    try {
      await runtime.ping();
      if (values.attach !== undefined) return await runtime.attachShell(values.attach);
      if (positionals.length !== 2)
        throw new UsageError(`shell: expected RUN_ID and STEP, got ${positionals.length} argument(s)`);
      const [runId = '', stepId = ''] = positionals;
      const historyDir = resolve(values['history-dir'] ?? defaultHistoryDir());
      const [image] = await runtime.findImages({
        [LABEL_RUN]: runId,
        [LABEL_STEP]: stepId,
        [LABEL_KEPT]: 'failed-step',
      });
      if (!image) {
        process.stderr.write(`dagger-wf: ${whyNothingKept(historyDir, runId, stepId)}\n`);
        return 2;
      }
      const mounts = keptMounts(image.labels[LABEL_MOUNTS]);
      const blanked = (image.labels[LABEL_SECRET_ENV] ?? '').split(',').filter(Boolean);
      const id = await runtime.createShellContainer({
        image: image.id,
        env: {},
        mounts: mounts.filter((mount) => existsSync(mount.source)),
        labels: { [LABEL_RUN]: runId, [LABEL_STEP]: stepId, [LABEL_SHELL]: 'failed-step' },
        tty: process.stdin.isTTY === true,
      });
      process.stderr.write(
        `dagger-wf: shell in the filesystem step "${stepId}" of run ${runId} left when it failed; changes are discarded on exit\n`,
      );
      for (const mount of mounts.filter((m) => !existsSync(m.source)))
        process.stderr.write(`dagger-wf: volume ${mount.source} is gone: ${mount.target} is not mounted\n`);
      if (blanked.length)
        process.stderr.write(
          `dagger-wf: ${blanked.join(', ')} held a secret and ${blanked.length > 1 ? 'are' : 'is'} empty here\n`,
        );
      return await runtime.attachShell(id);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if (error instanceof EngineUnreachableError) {
        process.stderr.write(`dagger-wf: ${error.message}\n`);
        return 3;
      }
      process.stderr.write(`dagger-wf: shell: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};

/** Why no filesystem is kept for this step, naming what is wrong. */
function whyNothingKept(historyDir: string, runId: string, stepId: string): string {
  const run = readRun(join(historyDir, runId));
  if (!run) return `no run ${runId} in ${historyDir}`;
  const step = run.steps[stepId];
  if (!step) return `run ${runId} has no step "${stepId}" (steps: ${Object.keys(run.steps).join(', ')})`;
  if (step.status !== 'failed' && step.status !== 'timed_out')
    return `step "${stepId}" of run ${runId} ${step.status.replace('_', ' ')}: only the filesystem of a failed step is kept`;
  return `the filesystem of step "${stepId}" of run ${runId} was not kept (the engine could not commit it, or it was removed)`;
}

function keptMounts(json: string | undefined): BindMount[] {
  try {
    const parsed = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as BindMount[]) : [];
  } catch {
    return [];
  }
}
