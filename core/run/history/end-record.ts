import type { StepResult } from '../run-result.js';
import { pendingStepResult } from '../run-result.js';
import type { RunRecord } from './run-record.js';

/** What `reason` says of a run whose process died before it could record its end (SIGKILL, a crash). */
export const INTERRUPTED = 'interrupted';

/**
 * The final record of a run whose process died mid-run: `failed` with reason `interrupted`; a step that was
 * running failed with the same reason, one that had not started is `cancelled`. Finished steps keep their result.
 */
export function interruptedRecord(record: RunRecord, time = new Date().toISOString()): RunRecord {
  const steps: Record<string, StepResult> = {};
  for (const [id, step] of Object.entries(record.steps)) {
    if (step.status === 'running')
      steps[id] = { ...step, status: 'failed', finished_at: time, reason: INTERRUPTED };
    else if (step.status === 'pending') steps[id] = { ...step, status: 'cancelled', reason: INTERRUPTED };
    else steps[id] = step;
  }
  return { ...record, status: 'failed', reason: INTERRUPTED, finished_at: time, steps };
}

/** What is known of a run that ended before it started: accepted, then cancelled, interrupted or refused. */
export interface UnstartedRun {
  runId: string;
  workflowFile: string;
  workflowName: string;
  stepIds: readonly string[];
  inputs: Record<string, string>;
  secretInputs: string[];
  /** When it was accepted. */
  acceptedAt: string;
  status: 'failed' | 'cancelled';
  reason: string;
}

/** The final record of a run that never started a step: every step `cancelled` with the run's reason. */
export function unstartedRecord(run: UnstartedRun, time = new Date().toISOString()): RunRecord {
  return {
    runId: run.runId,
    workflowFile: run.workflowFile,
    workflowName: run.workflowName,
    status: run.status,
    reason: run.reason,
    started_at: run.acceptedAt,
    finished_at: time,
    pid: process.pid,
    inputs: run.inputs,
    secretInputs: run.secretInputs,
    outputs: {},
    steps: Object.fromEntries(
      run.stepIds.map((id) => [id, { ...pendingStepResult(), status: 'cancelled', reason: run.reason }]),
    ),
  };
}
