import type { RunStatus, StepStatus } from '../model/run-state.js';

/** One step in the result: the `steps.<id>` object of `dagger-wf run --json` (docs/cli.md). */
export interface StepResult {
  status: StepStatus;
  /** The last attempt's exit code; null when no container ran to completion. */
  exit_code: number | null;
  attempts: number;
  /** ISO 8601 with milliseconds; null when the step never started. */
  started_at: string | null;
  finished_at: string | null;
  /** Secrets masked. */
  outputs: Record<string, string>;
  reason?: string;
}

/** The `dagger-wf run --json` object, exactly (docs/cli.md). */
export interface RunResult {
  status: Exclude<RunStatus, 'running'>;
  outputs: Record<string, string>;
  steps: Record<string, StepResult>;
}

/**
 * Why a run ended other than by its steps: the engine went away (the CLI exits 3), the runner itself failed,
 * or its process ended before the run did (found by a later run). The steps carry the reason too.
 */
export interface RunFault {
  kind: 'engine-lost' | 'internal-error' | 'interrupted';
  message: string;
}

/** A step that has not started: the entry every step begins with. */
export function pendingStepResult(): StepResult {
  return {
    status: 'pending',
    exit_code: null,
    attempts: 0,
    started_at: null,
    finished_at: null,
    outputs: {},
  };
}
