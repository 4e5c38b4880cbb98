import { resolve } from 'node:path';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import { EngineUnreachableError } from '../../core/run/run-errors.js';
import { createKeptShell } from '../../core/shell/kept-shell.js';
import { parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { defaultHistoryDir } from '../../core/run/history/default-history-dir.js';

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
      const shell = await createKeptShell(runtime, historyDir, runId, stepId, process.stdin.isTTY === true);
      if (!shell.ok) {
        process.stderr.write(`dagger-wf: ${shell.message}\n`);
        return 2;
      }
      for (const note of shell.notes) process.stderr.write(`dagger-wf: ${note}\n`);
      return await runtime.attachShell(shell.containerId);
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
