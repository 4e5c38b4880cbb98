import type { RunRecord, StepRecord } from '../views/run-record.js';
import type { RunStore } from '../views/run-store.js';
import type { HostMessage } from './webview-messages.js';

/** Step changes are sent at most this often: a burst of events is one batch, and one repaint. */
const BATCH_MS = 100;

/**
 * The run a graph panel colours its nodes by, and its step states as batched messages: the newest run of the
 * workflow file (or the run the graph was opened from, until a newer one starts). Only what changed is sent;
 * nothing here ever asks for a layout.
 */
export class RunStateFeed {
  private pinned: { runId: string; newestWhenPinned: string | undefined } | undefined;
  private shown: string | undefined;
  private shownStatus: string | undefined;
  private started = false;
  /** What the webview has of each step, to send only changes. */
  private readonly sent = new Map<string, string>();
  private readonly pending = new Map<string, StepRecord>();
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: RunStore,
    private readonly workflowFile: string,
    private readonly post: (message: HostMessage) => void,
  ) {
    this.subscription = store.onDidChange(() => this.update());
  }

  /** Show this run (from the Runs tree) until a newer run of the workflow starts. */
  pin(runId: string): void {
    this.pinned = { runId, newestWhenPinned: this.newest()?.runId };
    this.update();
  }

  /** Send the whole state again (a new webview after a reload, or one that was hidden). */
  resend(): void {
    this.started = false;
    this.update();
  }

  /** The run shown now. */
  get run(): RunRecord | undefined {
    return this.shown === undefined ? undefined : this.store.find(this.shown);
  }

  private newest(): RunRecord | undefined {
    return this.store.runs.find((run) => run.workflowFile === this.workflowFile);
  }

  private choose(): RunRecord | undefined {
    const newest = this.newest();
    if (this.pinned && newest?.runId === this.pinned.newestWhenPinned) {
      const pinned = this.store.find(this.pinned.runId);
      if (pinned) return pinned;
    }
    this.pinned = undefined;
    return newest;
  }

  private update(): void {
    const run = this.choose();
    // Another run, or the run's own state changed (the header shows it): everything is sent anew.
    if (!this.started || run?.runId !== this.shown || run?.status !== this.shownStatus) {
      this.started = true;
      this.shown = run?.runId;
      this.shownStatus = run?.status;
      this.pending.clear();
      clearTimeout(this.timer);
      this.timer = undefined;
      this.sent.clear();
      for (const step of run?.steps ?? []) this.sent.set(step.id, fingerprint(step));
      const shownRun = run && { runId: run.runId, status: run.status, startedAt: run.startedAt };
      this.post({ type: 'run', ...(shownRun ? { run: shownRun } : {}), steps: run?.steps.map(copy) ?? [] });
      return;
    }
    if (!run) return;
    for (const step of run.steps) {
      const print = fingerprint(step);
      if (this.sent.get(step.id) === print) continue;
      this.sent.set(step.id, print);
      this.pending.set(step.id, copy(step));
    }
    if (this.pending.size && !this.timer) this.timer = setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const run = this.run;
    if (!run || !this.pending.size) return;
    this.post({ type: 'steps', runId: run.runId, steps: [...this.pending.values()] });
    this.pending.clear();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
  }
}

function copy(step: StepRecord): StepRecord {
  return { ...step };
}

function fingerprint(step: StepRecord): string {
  return JSON.stringify([
    step.status,
    step.attempt,
    step.maxAttempts,
    step.exitCode,
    step.startedAt,
    step.finishedAt,
    step.reason,
  ]);
}
