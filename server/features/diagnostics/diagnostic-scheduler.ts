import type { WorkflowDiagnostic } from '../../../core/model/diagnostic.js';

export interface DiagnosticSchedulerOptions {
  /** Quiet time after the last change before validating, in ms (`initializationOptions.diagnosticsDelay`). */
  delayMs: number;
  /** Diagnostics of the document's current version, or undefined when it is closed. */
  compute(uri: string): { version: number; diagnostics: WorkflowDiagnostic[] } | undefined;
  /** Send them (publishDiagnostics); `version` undefined clears a closed document. */
  publish(uri: string, version: number | undefined, diagnostics: WorkflowDiagnostic[]): void;
}

/**
 * Debounced, versioned diagnostics: each change restarts the document's timer; when it fires, the current
 * version is validated and published unless a newer version was already published (a stale result never
 * replaces a newer one).
 */
export class DiagnosticScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, number>();

  constructor(private readonly options: DiagnosticSchedulerOptions) {}

  /** A document was changed: check it once the edits have paused for the delay. */
  schedule(uri: string): void {
    this.runAfter(uri, this.options.delayMs);
  }

  /**
   * A document was opened: check it at once (on the next turn of the event loop, so a change sent right behind
   * the open still replaces this check). The delay is for edits in a burst; an open is not one.
   */
  opened(uri: string): void {
    this.runAfter(uri, 0);
  }

  /** A document was closed: cancel pending work and clear what was shown. */
  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.published.delete(uri);
    this.options.publish(uri, undefined, []);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private runAfter(uri: string, delayMs: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => this.run(uri), delayMs),
    );
  }

  private run(uri: string): void {
    this.timers.delete(uri);
    const result = this.options.compute(uri);
    if (!result) return;
    const last = this.published.get(uri);
    if (last !== undefined && last >= result.version) return;
    this.published.set(uri, result.version);
    this.options.publish(uri, result.version, result.diagnostics);
  }
}
