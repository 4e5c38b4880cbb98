import { isFinal, type StepStatus } from '../model/run-state.js';
import type { RunEvent } from '../run/events.js';
import type { StepAboutToStart, StepEnded } from '../run/step-hooks.js';
import type { DebugTarget } from './debug-target.js';

/** How much of a step's stderr is kept for the Result scope and the exception info. */
const STDERR_KEPT = 4096;
/** Lines of stderr shown as the tail. */
export const STDERR_TAIL_LINES = 20;

/** What the debugger knows of one step of the run. */
export class StepRecord {
  state: 'pending' | 'waiting' | 'running' | Exclude<StepStatus, 'pending' | 'running'> = 'pending';
  /** Its resolved settings, once it reached the gate (with the changes made while paused). */
  about?: StepAboutToStart;
  /** Environment variables changed in the debugger before it started. */
  readonly changedEnvironment = new Set<string>();
  attempt = 0;
  maxAttempts = 1;
  exitCode: number | null = null;
  reason?: string;
  /** Raw outputs (mask before showing). */
  outputs: Record<string, string> = {};
  startedAt?: string;
  finishedAt?: string;
  /** The end of its stderr, secrets masked already. */
  stderr = '';

  constructor(readonly stepId: string) {}

  get isFinal(): boolean {
    return this.state !== 'waiting' && this.state !== 'running' && isFinal(this.state);
  }

  /** The last lines of stderr. */
  stderrTail(lines = STDERR_TAIL_LINES): string {
    return this.stderr.replace(/\n$/, '').split('\n').slice(-lines).join('\n');
  }
}

/** The records of every step of a run, kept from the step hooks and the run's events. */
export class StepRecords {
  private readonly records = new Map<string, StepRecord>();
  /** The run's masker, known from the first hook call. */
  mask: (text: string) => string = () => '***';

  constructor(target: DebugTarget) {
    for (const id of target.stepIds) this.records.set(id, new StepRecord(id));
  }

  get(stepId: string): StepRecord {
    let record = this.records.get(stepId);
    if (!record) {
      record = new StepRecord(stepId);
      this.records.set(stepId, record);
    }
    return record;
  }

  all(): StepRecord[] {
    return [...this.records.values()];
  }

  running(): StepRecord[] {
    return this.all().filter((record) => record.state === 'running');
  }

  waiting(): StepRecord[] {
    return this.all().filter((record) => record.state === 'waiting');
  }

  /** A step reached the gate. */
  arrived(about: StepAboutToStart): StepRecord {
    this.mask = about.mask;
    const record = this.get(about.stepId);
    record.about = about;
    record.maxAttempts = about.maxAttempts;
    record.state = 'waiting';
    record.changedEnvironment.clear();
    return record;
  }

  ended(ended: StepEnded): void {
    this.mask = ended.mask;
    const record = this.get(ended.stepId);
    record.state = ended.status === 'pending' || ended.status === 'running' ? 'failed' : ended.status;
    record.exitCode = ended.exitCode;
    record.reason = ended.reason;
    record.outputs = ended.outputs;
    record.finishedAt = new Date().toISOString();
  }

  /** Forget a step's result: it runs again. */
  reset(stepId: string): void {
    this.records.set(stepId, new StepRecord(stepId));
  }

  handleEvent(event: RunEvent): void {
    if (event.type === 'stepStarted') {
      const record = this.get(event.stepId);
      record.attempt = event.attempt;
      record.maxAttempts = event.maxAttempts;
      if (event.attempt === 1) record.startedAt = event.time;
    } else if (event.type === 'log' && event.stream === 'stderr') {
      const record = this.get(event.stepId);
      record.stderr = (record.stderr + event.text).slice(-STDERR_KEPT);
    }
  }
}
