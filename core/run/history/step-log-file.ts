import { createWriteStream, type WriteStream } from 'node:fs';
import { StepLogBudget } from '../log-limits.js';

/**
 * One step's log file in a run folder: appended to as output arrives, cut at MAX_STEP_LOG_BYTES. A write that
 * fails (disk full, folder removed) is reported once through `onError`; the run goes on without the rest.
 */
export class StepLogFile {
  private readonly stream: WriteStream;
  private readonly budget = new StepLogBudget();

  constructor(path: string, onError: (error: Error) => void) {
    this.stream = createWriteStream(path, { flags: 'a' });
    // Without a listener the stream's 'error' would end the process.
    this.stream.on('error', onError);
  }

  write(text: string): void {
    const kept = this.budget.take(text);
    if (kept && !this.stream.destroyed) this.stream.write(kept);
  }

  /** Resolves once everything written so far is on disk (or failed to get there). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.destroyed) resolve();
      else this.stream.end(() => resolve());
      this.stream.once('error', () => resolve());
    });
  }
}
