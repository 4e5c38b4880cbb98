import { createReadStream, createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RunEvent } from '../../core/run/events.js';

/** The file, in the execution's folder, that keeps every run event as one JSON line. */
export const EVENTS_FILE = 'events.jsonl';

/** Receives events with their ids (1, 2, 3… in the order the run emitted them). */
export type EventSink = (id: number, event: RunEvent) => void;

/**
 * Every event of one run, numbered from 1, so a client can resume a stream after the last id it saw
 * (`Last-Event-ID`). While the run goes on they are kept in memory and appended to events.jsonl (events
 * are masked by the runner already); once it has ended, and after a restart, they are read back from the
 * file. A line cut short by a crash is not counted, so ids never shift.
 */
export class EventLog {
  private memory: RunEvent[] | undefined;
  private file: WriteStream | undefined;
  private count: number | undefined;
  private readonly sinks = new Set<EventSink>();

  /** `live`: the run is still to come or going on; else the file holds every event there will be. */
  constructor(
    readonly path: string,
    live: boolean,
  ) {
    if (live) {
      this.memory = [];
      this.count = 0;
    }
  }

  append(event: RunEvent): void {
    if (!this.memory) return;
    this.memory.push(event);
    const id = this.memory.length;
    this.count = id;
    if (!this.file) {
      this.file = createWriteStream(this.path, { flags: 'a', mode: 0o600 });
      // A full disk loses the replay file, not the run (live clients still get every event).
      this.file.on('error', () => undefined);
    }
    this.file.write(`${JSON.stringify(event)}\n`);
    for (const sink of this.sinks) sink(id, event);
  }

  /** How many events there are (read from the file once the run has ended). */
  size(): number {
    this.count ??= countCompleteLines(this.path);
    return this.count;
  }

  /**
   * Send the events after `afterId`, then every new one as it comes; returns the unsubscribe function.
   * Only while the run is live (see `isLive`); an ended run is read with `readAfter`.
   */
  follow(afterId: number, sink: EventSink): () => void {
    const memory = this.memory ?? [];
    memory.slice(afterId).forEach((event, index) => sink(afterId + index + 1, event));
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  get isLive(): boolean {
    return this.memory !== undefined;
  }

  /** The events after `afterId` from the file, in order (for a run that has ended). */
  async readAfter(afterId: number, sink: EventSink): Promise<void> {
    const last = this.size();
    if (last <= afterId) return;
    let id = 0;
    const lines = createInterface({ input: createReadStream(this.path) });
    try {
      for await (const line of lines) {
        id++;
        if (id > last) break;
        if (id > afterId) sink(id, JSON.parse(line) as RunEvent);
      }
    } finally {
      lines.close();
    }
  }

  /** The run is over: flush the file, and from now on read events from it. */
  async close(): Promise<void> {
    const file = this.file;
    if (file) await new Promise<void>((resolve) => file.end(resolve));
    this.memory = undefined;
    this.sinks.clear();
  }
}

function countCompleteLines(path: string): number {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch {
    return 0;
  }
  let lines = 0;
  for (let at = text.indexOf(10); at !== -1; at = text.indexOf(10, at + 1)) lines++;
  return lines;
}
