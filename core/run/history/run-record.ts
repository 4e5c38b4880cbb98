import type { RunStatus } from '../../model/run-state.js';
import type { RunFault, StepResult } from '../run-result.js';
import { MASK } from '../secret-masker.js';

/** The `run.json` of a run folder: the `--json` result plus what the history view needs around it. */
export interface RunRecord {
  runId: string;
  workflowFile: string;
  workflowName: string;
  status: RunStatus;
  /** Why the run ended as it did when no step says it, e.g. `interrupted` (its process was killed). */
  reason?: string;
  started_at: string;
  finished_at: string | null;
  /** The process that ran it: a record still `running` whose process is gone was interrupted. */
  pid: number;
  /** The machine of that process (records written before it was kept have none). */
  host?: string;
  /**
   * The inputs the run was given, defaults filled in, as `recordedInputs` writes them: secret inputs as `***`,
   * other values with secrets masked. Absent in records written before inputs were kept.
   */
  inputs?: Record<string, string>;
  /** The names of the inputs declared `secret: true` (a rerun asks for these again). */
  secretInputs?: string[];
  outputs: Record<string, string>;
  steps: Record<string, StepResult>;
  /** Why the run ended other than by its steps (the engine went away, the runner failed, it was interrupted). */
  fault?: RunFault;
}

export const RUN_FILE = 'run.json';

/** The log file of a step inside its run folder: `<step>.log`, with characters unsafe in file names replaced. */
export function stepLogFileName(stepId: string): string {
  return `${stepId.replace(/[^A-Za-z0-9_.-]/g, '_')}.log`;
}

/**
 * A run's inputs as records and responses show them: a secret input is `***` whatever its value (even one
 * too short for the masker), any other value goes through `mask` (it may contain a `.env` secret).
 */
export function recordedInputs(
  inputs: Record<string, string>,
  secretInputs: readonly string[],
  mask: (text: string) => string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, secretInputs.includes(name) ? MASK : mask(value)]),
  );
}
