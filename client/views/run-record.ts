import type { RunEvent } from '../../core/run/events.js';
import type { RunStatus, StepStatus } from '../../core/model/run-state.js';
import { pullStepLine, type ImagePullState } from '../../core/run/pull-board.js';
import { describePullProgress } from '../../core/run/describe-pull.js';

/** What the tree shows of one step of a run. */
export interface StepRecord {
  id: string;
  status: StepStatus;
  attempt: number;
  maxAttempts: number;
  exitCode: number | null;
  startedAt?: string;
  finishedAt?: string;
  reason?: string;
  /** The pull of the step's image, from when it is queued until the step starts. */
  pull?: Pick<ImagePullState, 'image' | 'phase' | 'status' | 'pull' | 'retry'>;
}

/** What the tree shows of one run, live or read back from the run history. */
export interface RunRecord {
  runId: string;
  workflowFile: string;
  workflowName: string;
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  /** Steps in topological order. */
  steps: StepRecord[];
  /** The steps asked for (Run Step), or undefined for the whole workflow. */
  onlySteps?: string[];
  /** A one-line reason when the run could not start (invalid workflow…) or ended early (engine lost). */
  error?: string;
  /** What the run warned about: its history could not be written, its containers may be left behind. */
  warnings?: string[];
}

/** A fresh record for a run that is about to start, its steps pending in `order`. */
export function newRunRecord(
  runId: string,
  workflowFile: string,
  workflowName: string,
  order: string[],
): RunRecord {
  return {
    runId,
    workflowFile,
    workflowName,
    status: 'running',
    startedAt: new Date().toISOString(),
    steps: order.map((id) => ({ id, status: 'pending', attempt: 0, maxAttempts: 1, exitCode: null })),
  };
}

/** Fold one runner event into the record; returns the step it touched, if any. */
export function applyRunEvent(record: RunRecord, event: RunEvent): StepRecord | undefined {
  switch (event.type) {
    case 'runStarted':
      record.runId = event.runId;
      record.workflowName = event.workflowName || record.workflowName;
      record.startedAt = event.time;
      for (const id of event.stepIds) stepOf(record, id);
      return undefined;
    case 'imagePull': {
      const { image, phase, status, pull, retry } = event;
      const steps = event.stepIds.map((id) => stepOf(record, id));
      for (const step of steps) step.pull = { image, phase, status, pull, retry };
      return steps[0];
    }
    case 'stepStarted': {
      const step = stepOf(record, event.stepId);
      step.pull = undefined;
      step.status = 'running';
      step.attempt = event.attempt;
      step.maxAttempts = event.maxAttempts;
      step.exitCode = null;
      step.reason = undefined;
      if (event.attempt === 1 || !step.startedAt) step.startedAt = event.time;
      return step;
    }
    case 'attemptFailed': {
      const step = stepOf(record, event.stepId);
      step.exitCode = event.exitCode;
      step.reason = event.willRetry
        ? `${event.reason} (retrying in ${event.retryDelaySeconds}s)`
        : event.reason;
      return step;
    }
    case 'stepFinished': {
      const step = stepOf(record, event.stepId);
      step.pull = undefined;
      step.status = event.status;
      step.exitCode = event.exitCode;
      step.attempt = event.attempts;
      step.maxAttempts = Math.max(step.maxAttempts, event.attempts);
      step.reason = event.reason;
      step.finishedAt = event.time;
      if (event.startedAt) step.startedAt = event.startedAt;
      return step;
    }
    case 'warning':
      record.warnings = [...(record.warnings ?? []), event.message];
      return undefined;
    case 'runFinished':
      record.status = event.status;
      record.finishedAt = event.time;
      if (event.fault) record.error = event.fault.message;
      for (const step of record.steps)
        if (step.status === 'pending' || step.status === 'running') step.status = 'cancelled';
      return undefined;
    default:
      return undefined;
  }
}

function stepOf(record: RunRecord, id: string): StepRecord {
  let step = record.steps.find((candidate) => candidate.id === id);
  if (!step) {
    step = { id, status: 'pending', attempt: 0, maxAttempts: 1, exitCode: null };
    record.steps.push(step);
  }
  return step;
}

/** How many steps have reached a final state. */
export function finishedStepCount(record: RunRecord): number {
  return record.steps.filter((step) => step.status !== 'pending' && step.status !== 'running').length;
}

/** `1.2s`, `3m 04s`: the time between two ISO instants (or until now while running). */
export function formatDuration(
  startedAt: string | undefined,
  finishedAt: string | undefined,
  now = Date.now(),
): string {
  if (!startedAt) return '';
  const milliseconds = Math.max(0, (finishedAt ? Date.parse(finishedAt) : now) - Date.parse(startedAt));
  if (milliseconds < 10_000) return `${(milliseconds / 1000).toFixed(1)}s`;
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** True while the step waits for its image: queued or being pulled. */
export function isPulling(step: StepRecord): boolean {
  return step.pull?.phase === 'queued' || step.pull?.phase === 'pulling';
}

/**
 * The tree item's description of a step: duration · attempt n/N · exit code; before it starts, how the pull
 * of its image goes (`pulling 2/5 layers · 12.3 of 40.1 MB · busybox:1.36`: the progress first, as the side
 * bar cuts long image names off).
 */
export function describeStep(step: StepRecord, now = Date.now()): string {
  if (step.pull && step.status === 'pending') {
    const { pull } = step;
    const progress = describePullProgress(pull.pull);
    if (pull.phase === 'pulling' && progress && !pull.retry) return `pulling ${progress} · ${pull.image}`;
    return pullStepLine(pull);
  }
  const parts: string[] = [];
  const duration = formatDuration(step.startedAt, step.finishedAt, now);
  if (duration) parts.push(duration);
  if (step.maxAttempts > 1 && step.attempt > 0) parts.push(`attempt ${step.attempt}/${step.maxAttempts}`);
  if (step.exitCode !== null) parts.push(`exit ${step.exitCode}`);
  if (step.status === 'skipped' || step.status === 'cancelled' || step.status === 'timed_out')
    parts.push(step.status.replace('_', ' '));
  return parts.join(' · ');
}
