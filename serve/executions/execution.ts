import { join } from 'node:path';
import type { RunStatus } from '../../core/model/run-state.js';
import type { RunRecord } from '../../core/run/history/run-record.js';
import type { RunHandle } from '../../core/run/run-workflow.js';
import { EVENTS_FILE, EventLog } from './event-log.js';
import type { ExecutionMeta } from './execution-meta.js';

/** `queued` until a run slot is free, then the run's own status. */
export type ExecutionStatus = 'queued' | RunStatus;

/**
 * One execution in memory: what was accepted (meta), its run while it goes on, its final record once it has
 * ended, and its events. The disk (execution.json, run.json, events.jsonl, the step logs) holds the same.
 */
export class Execution {
  readonly events: EventLog;
  private handle: RunHandle | undefined;
  private finalRecord: RunRecord | undefined;
  private readonly endListeners = new Set<() => void>();
  private readonly ended: Promise<void>;
  private markEnded: () => void = () => undefined;

  constructor(
    readonly meta: ExecutionMeta,
    readonly dir: string,
    final?: RunRecord,
  ) {
    this.finalRecord = final;
    this.events = new EventLog(join(dir, EVENTS_FILE), final === undefined);
    this.ended = final ? Promise.resolve() : new Promise((resolve) => (this.markEnded = resolve));
  }

  get id(): string {
    return this.meta.execution_id;
  }

  get status(): ExecutionStatus {
    if (this.finalRecord) return this.finalRecord.status;
    return this.handle ? (this.handle.record()?.status ?? 'running') : 'queued';
  }

  get isFinal(): boolean {
    return this.finalRecord !== undefined;
  }

  /** The run record: final, or as the run last wrote it; undefined while queued. */
  get record(): Readonly<RunRecord> | undefined {
    return this.finalRecord ?? this.handle?.record();
  }

  /** The run of this execution has started: its events go to the event log. */
  attach(handle: RunHandle): void {
    this.handle = handle;
    handle.onEvent((event) => this.events.append(event));
  }

  /** Cancel the run (a queued execution is cancelled by its service). Returns false when nothing runs. */
  cancelRun(force: boolean): boolean {
    if (!this.handle || this.finalRecord) return false;
    this.handle.cancel({ force });
    return true;
  }

  /** The execution has ended with this (saved) record: its events file is flushed, listeners told. */
  async finish(record: RunRecord): Promise<void> {
    await this.events.close();
    this.finalRecord = record;
    this.handle = undefined;
    this.markEnded();
    for (const listener of this.endListeners) listener();
    this.endListeners.clear();
  }

  /** Resolves when the execution has ended. */
  whenEnded(): Promise<void> {
    return this.ended;
  }

  /** Called once when the execution ends (never, when it has already); returns the unsubscribe function. */
  onEnd(listener: () => void): () => void {
    if (this.finalRecord) return () => undefined;
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }
}
