import type { RunRecord } from './run-record.js';

/** The runs the tree shows: live ones and those read back from the history folder, newest first. */
export class RunStore {
  private readonly records: RunRecord[] = [];
  private readonly listeners = new Set<(record: RunRecord | undefined) => void>();

  /** Runs, newest first. */
  get runs(): readonly RunRecord[] {
    return this.records;
  }

  /** Add a run (or replace one with the same id) and keep the list newest first. */
  upsert(record: RunRecord): void {
    const index = this.records.findIndex((existing) => existing.runId === record.runId);
    if (index >= 0) this.records.splice(index, 1, record);
    else this.records.push(record);
    this.records.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    this.changed(undefined);
  }

  /** Take a run out of the list. */
  remove(runId: string): void {
    const index = this.records.findIndex((record) => record.runId === runId);
    if (index < 0) return;
    this.records.splice(index, 1);
    this.changed(undefined);
  }

  find(runId: string): RunRecord | undefined {
    return this.records.find((record) => record.runId === runId);
  }

  /** Tell listeners that `record` (or the whole list, for undefined) changed. */
  changed(record: RunRecord | undefined): void {
    for (const listener of this.listeners) listener(record);
  }

  onDidChange(listener: (record: RunRecord | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
