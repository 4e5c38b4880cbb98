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
