import { startLongTimer } from './long-timer.js';

/** A run's cancel token: the first cancel stops gracefully, a second one forces. */
export class Cancellation {
  private state: 'none' | 'graceful' | 'forced' = 'none';
  private readonly listeners = new Set<(forced: boolean) => void>();
  private readonly aborter = new AbortController();

  get cancelled(): boolean {
    return this.state !== 'none';
  }

  get forced(): boolean {
    return this.state === 'forced';
  }

  /** Aborted at the first cancel, for work that takes a signal (an image pull). */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  /** Cancel; calling it again (or with `force`) escalates to forced. */
  cancel(force = false): void {
    if (this.state === 'forced') return;
    this.state = force || this.state === 'graceful' ? 'forced' : 'graceful';
    this.aborter.abort();
    for (const listener of [...this.listeners]) listener(this.forced);
  }

  /** Called at each cancel (and escalation); returns the unsubscribe function. */
  onCancel(listener: (forced: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at the first cancel (never, when the run is not cancelled). */
  whenCancelled(): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      const unsubscribe = this.onCancel(() => {
        unsubscribe();
        resolve();
      });
    });
  }

  /** Wait `ms`, or less when the run is cancelled meanwhile. */
  delay(ms: number): Promise<void> {
    if (this.cancelled || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const stopTimer = startLongTimer(done, ms);
      const unsubscribe = this.onCancel(done);
      function done() {
        stopTimer();
        unsubscribe();
        resolve();
      }
    });
  }
}
