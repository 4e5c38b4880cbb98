import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStatus } from '../../model/run-state.js';
import type { RunFault, StepResult } from '../run-result.js';

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
  /** The machine of that process (records written before it was kept have none). */
  host?: string;
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
 * Write a run.json through a temporary file and a rename, so a reader never sees half a record. On failure
 * (disk full) the temporary file is removed again and the error thrown; the old record stays as it was.
 */
export function writeRunRecord(dir: string, record: RunRecord): void {
  const temporary = join(dir, `${RUN_FILE}.tmp`);
  try {
    writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(temporary, join(dir, RUN_FILE));
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder itself is gone or read-only: there is no temporary file to leave then.
    }
    throw error;
  }
}
