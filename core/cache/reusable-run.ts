import { readStepLog, type RunSummary } from '../run/history/list-runs.js';
import { MASK } from '../run/secret-masker.js';
import type { KeyComponents } from './cache-key.js';
import { readStepKeys } from './step-keys-file.js';

/** A succeeded step of an earlier run, as a rerun may reuse it. */
export interface ReusableStep {
  outputs: Record<string, string>;
  log: string;
  /** Its key then (absent when it had none, e.g. a writable volume: it is reused as it is). */
  key?: string;
  components?: KeyComponents;
  /** Why it cannot be reused after all (its outputs were recorded masked). */
  problem?: string;
}

export interface ReusableRun {
  runId: string;
  steps: Map<string, ReusableStep>;
}

/**
 * The succeeded steps of a recorded run, with their outputs, logs and keys: what `--rerun RUN --failed` reuses.
 * Failed, timed-out, cancelled, skipped and interrupted (still `running` or `pending`) steps are left out, so
 * they run again, and everything downstream with them.
 */
export function reusableRun(run: RunSummary): ReusableRun {
  const keys = readStepKeys(run.dir);
  const steps = new Map<string, ReusableStep>();
  for (const [stepId, result] of Object.entries(run.steps)) {
    if (result.status !== 'succeeded') continue;
    const masked = Object.values(result.outputs).some((value) => value.includes(MASK));
    const key = Object.hasOwn(keys, stepId) ? keys[stepId] : undefined;
    steps.set(stepId, {
      outputs: result.outputs,
      log: readStepLog(run.dir, stepId),
      ...(key ? { key: key.key, components: key.components } : {}),
      ...(masked ? { problem: 'its outputs were recorded masked (they held a secret)' } : {}),
    });
  }
  return { runId: run.runId, steps };
}
