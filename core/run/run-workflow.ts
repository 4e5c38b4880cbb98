import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { RunEvent, RunEventListener } from './events.js';
import { pruneRuns } from './history/prune-runs.js';
import { RunHistoryWriter } from './history/run-history-writer.js';
import { settleInterruptedRuns } from './history/settle-interrupted-runs.js';
import type { RunRecord } from './history/run-record.js';
import { prepareRun, type PrepareOptions } from './prepare-run.js';
import type { RunResult } from './run-result.js';
import { RunSession } from './run-session.js';
import type { ContainerRuntime } from './runtime.js';
import type { StepHooks } from './step-hooks.js';
import { keepFailedFilesystems } from '../shell/keep-failed-filesystems.js';
import { pruneKeptImages } from '../shell/prune-kept-images.js';
import { LABEL_HISTORY, type ShellRuntime } from '../shell/shell-runtime.js';

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
  /** Around each step: a debugger's gate, a step cache (step-hooks.ts). */
  hooks?: StepHooks;
  /**
   * Keep the filesystem of each failed step as a labelled image (for `dagger-wf shell`); with `historyDir` they
   * are pruned with the run folders.
   */
  keepFailed?: { shells: ShellRuntime; labels?: Record<string, string> };
  /** The run id, when the caller made it beforehand (newRunId); default: a new one. */
  runId?: string;
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
  /** The run folder, when `historyDir` was given (undefined again if it had to be removed: see historyProblem). */
  readonly historyPath?: string;
  /** Why the run folder is incomplete or was not kept (disk full…), once a write to it failed. */
  readonly historyProblem?: string;
  /** Run these final steps again (a debugger's restart frame); see RunSession.rerunSteps. */
  rerunSteps(stepIds: readonly string[]): void;
  /** The run.json as last written (undefined before runStarted, or without `historyDir`); do not modify it. */
  record(): Readonly<RunRecord> | undefined;
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
  const runId = options.runId ?? newRunId();
  const listeners: RunEventListener[] = [];
  let session: RunSession | undefined;
  let pendingCancel: boolean | undefined;
  const { historyDir } = options;
  const history = historyDir === undefined ? undefined : new RunHistoryWriter(historyDir, runId);

  const tell = (event: RunEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop the run (as in RunSession.emit).
      }
    }
  };
  if (history)
    history.onProblem = (message) => tell({ type: 'warning', message, time: new Date().toISOString() });

  const run = async (): Promise<RunResult> => {
    // Let the caller attach listeners before anything is emitted.
    await Promise.resolve();
    const prepared = prepareRun(options);
    if (historyDir !== undefined) {
      RunHistoryWriter.ensureHistoryDir(historyDir);
      settleQuietly(() => settleInterruptedRuns(historyDir));
    }
    const keep = options.keepFailed;
    const historyLabel: Record<string, string> =
      historyDir === undefined ? {} : { [LABEL_HISTORY]: historyDir };
    session = new RunSession(prepared, {
      runId,
      runtime: keep
        ? keepFailedFilesystems(options.runtime, {
            shells: keep.shells,
            labels: { ...historyLabel, ...keep.labels },
            secrets: prepared.secrets,
            isCancelled: () => session?.cancellation.cancelled ?? false,
          })
        : options.runtime,
      // Settings come from users' JSON: NaN parallelism would start nothing, a negative timeout end all.
      maxParallel: positiveOr(Math.floor(options.maxParallel ?? NaN), availableParallelism()),
      defaultTimeoutSeconds: positiveOr(options.defaultTimeoutSeconds, 3600),
      pullAhead: options.pullAhead,
      hooks: options.hooks,
    });
    if (history) session.onEvent((event) => history.handle(event));
    session.onEvent(tell);
    if (pendingCancel !== undefined) session.cancellation.cancel(pendingCancel);
    try {
      return await session.run();
    } catch (error) {
      // The runner itself failed (a bug, no room for the output files…): the record still ends.
      history?.abandon({ kind: 'internal-error', message: `internal error: ${String(error)}` });
      throw error;
    } finally {
      await history?.close();
      if (historyDir !== undefined) {
        settleQuietly(() => pruneRuns(historyDir, options.historyLimit ?? 50));
        // Housekeeping the next run can do as well: after a forced cancel the user wants the prompt back, and
        // the engine may be frozen (the run did not wait for it either).
        if (keep && !session.cancellation.forced)
          await pruneKeptImages(keep.shells, historyDir).catch(() => 0);
      }
    }
  };

  return {
    runId,
    get historyPath() {
      return history?.kept ? history.dir : undefined;
    },
    get historyProblem() {
      return history?.problem;
    },
    record: () => history?.current,
    onEvent: (listener) => listeners.push(listener),
    cancel: (cancelOptions) => {
      const force = cancelOptions?.force ?? false;
      if (session) session.cancellation.cancel(force);
      else pendingCancel = pendingCancel !== undefined || force;
    },
    rerunSteps: (stepIds) => session?.rerunSteps(stepIds),
    result: run(),
  };
}

/** Housekeeping of the history folder must never turn a finished run into an error. */
function settleQuietly(housekeeping: () => unknown): void {
  try {
    housekeeping();
  } catch {
    // The folder is unreadable or full: the run itself has been reported already.
  }
}
