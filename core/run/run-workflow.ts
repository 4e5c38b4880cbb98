import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { RunEventListener } from './events.js';
import { pruneRuns } from './history/prune-runs.js';
import { RunHistoryWriter } from './history/run-history-writer.js';
import { prepareRun, type PrepareOptions } from './prepare-run.js';
import type { RunResult } from './run-result.js';
import { RunSession } from './run-session.js';
import type { ContainerRuntime } from './runtime.js';

export type { RunResult, StepResult } from './run-result.js';

/** What to run (the PrepareOptions: file, text, inputs, env file, host env, steps) and how. */
export interface RunOptions extends PrepareOptions {
  /** Default: os.availableParallelism(). */
  maxParallel?: number;
  /** Default: 3600. */
  defaultTimeoutSeconds?: number;
  /** createDockerRuntime(options) in core/docker/ implements it. */
  runtime: ContainerRuntime;
  /** Where run folders go (run.json + one <step>.log per step); undefined = none. */
  historyDir?: string;
  /** How many run folders to keep in historyDir (the oldest finished ones go after a run); default 50. */
  historyLimit?: number;
  /** false: pull each image when its first step is ready, not all at the start (to compare, `bench:run`). */
  pullAhead?: boolean;
}

export interface RunHandle {
  runId: string;
  /** Listeners attached right after startRun still receive runStarted: events begin asynchronously. */
  onEvent(listener: RunEventListener): void;
  /**
   * Stop the run: running containers are stopped (1 s grace) and removed, pending steps cancelled.
   * A second call, or `{ force: true }`, kills at once.
   */
  cancel(options?: { force?: boolean }): void;
  /**
   * The `--json` result. Rejects before any container starts with InvalidWorkflowError, MissingVariablesError,
   * InputError or WorkflowFileError (all RunSetupError), or EngineUnreachableError; no event is emitted then.
   */
  result: Promise<RunResult>;
  /** The run folder, when `historyDir` was given. */
  historyPath?: string;
}

/** A sortable, readable run id: `20261128-023301-4f9a`. */
export function newRunId(date = new Date()): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Start running a workflow on a container runtime; see RunHandle for what comes back. */
export function startRun(options: RunOptions): RunHandle {
  const runId = newRunId();
  const listeners: RunEventListener[] = [];
  let session: RunSession | undefined;
  let pendingCancel: boolean | undefined;
  const history =
    options.historyDir === undefined ? undefined : new RunHistoryWriter(options.historyDir, runId);

  const run = async (): Promise<RunResult> => {
    // Let the caller attach listeners before anything is emitted.
    await Promise.resolve();
    const prepared = prepareRun(options);
    if (options.historyDir !== undefined) RunHistoryWriter.ensureHistoryDir(options.historyDir);
    session = new RunSession(prepared, {
      runId,
      runtime: options.runtime,
      // Settings come from users' JSON: NaN parallelism would start nothing, a negative timeout end all.
      maxParallel: positiveOr(Math.floor(options.maxParallel ?? NaN), availableParallelism()),
      defaultTimeoutSeconds: positiveOr(options.defaultTimeoutSeconds, 3600),
      pullAhead: options.pullAhead,
    });
    if (history) session.onEvent((event) => history.handle(event));
    session.onEvent((event) => listeners.forEach((listener) => listener(event)));
    if (pendingCancel !== undefined) session.cancellation.cancel(pendingCancel);
    try {
      return await session.run();
    } finally {
      await history?.close();
      if (options.historyDir !== undefined) pruneRuns(options.historyDir, options.historyLimit ?? 50);
    }
  };

  return {
    runId,
    historyPath: history?.dir,
    onEvent: (listener) => listeners.push(listener),
    cancel: (cancelOptions) => {
      const force = cancelOptions?.force ?? false;
      if (session) session.cancellation.cancel(force);
      else pendingCancel = pendingCancel !== undefined || force;
    },
    result: run(),
  };
}
