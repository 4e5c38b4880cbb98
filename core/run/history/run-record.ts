import type { RunStatus } from '../../model/run-state.js';
import type { StepResult } from '../run-result.js';

/** The `run.json` of a run folder: the `--json` result plus what the history view needs around it. */
export interface RunRecord {
  runId: string;
  workflowFile: string;
  workflowName: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  /** The process that ran it: a record still `running` whose process is gone was interrupted. */
  pid: number;
  outputs: Record<string, string>;
  steps: Record<string, StepResult>;
  /** What the run was asked to do, so `--rerun` can do it again. */
  request?: RunRequest;
  /** The run this one reran. */
  parent_run_id?: string;
}

/** A run's request as recorded: secret inputs by name only (a rerun asks for them again). */
export interface RunRequest {
  inputs: Record<string, string>;
  secret_inputs: string[];
  /** `--step`: only these steps and what they depend on. */
  steps?: string[];
  env_file?: string;
}

export const RUN_FILE = 'run.json';

/** The log file of a step inside its run folder: `<step>.log`, with characters unsafe in file names replaced. */
export function stepLogFileName(stepId: string): string {
  return `${stepId.replace(/[^A-Za-z0-9_.-]/g, '_')}.log`;
}
