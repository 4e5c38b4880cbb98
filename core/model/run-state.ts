/** Step states (docs/run-semantics.md "Step states"). */
export type StepStatus =
  'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'timed_out' | 'cancelled';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export const FINAL_STEP_STATES: readonly StepStatus[] = [
  'succeeded',
  'failed',
  'skipped',
  'timed_out',
  'cancelled',
];

export function isFinal(status: StepStatus): boolean {
  return FINAL_STEP_STATES.includes(status);
}
