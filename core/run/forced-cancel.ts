import type { Cancellation } from './cancellation.js';

/**
 * After a forced cancel (a second Ctrl-C), how long the engine may take to answer a ping before the run stops
 * waiting for it to confirm anything (a container killed, removed, created). A busy engine still answers and is
 * waited for; a frozen one never confirms anything, and the user who forces a cancel wants the prompt back.
 */
export const FORCED_CANCEL_PING_MS = 2000;

/** Between two pings while a forced cancel waits on a busy engine. */
const RECHECK_MS = 1000;

/** What `unlessForcedOut` resolves with when it gave up. */
export const GAVE_UP = Symbol('gave up');

/** Pings the engine: resolves if it answers within `timeoutMs`, rejects otherwise. */
export type PingEngine = (timeoutMs: number) => Promise<void>;

/**
 * `work`, unless the run is force-cancelled and then, before `work` settles, the engine fails to answer a
 * ping within FORCED_CANCEL_PING_MS: then GAVE_UP (`work` goes on unobserved; its rejection is swallowed).
 */
export function unlessForcedOut<T>(
  work: Promise<T>,
  cancellation: Cancellation,
  ping: PingEngine,
): Promise<T | typeof GAVE_UP> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let watching = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      settle();
    };
    const watchEngine = async () => {
      if (watching) return;
      watching = true;
      while (!settled) {
        try {
          await ping(FORCED_CANCEL_PING_MS);
        } catch {
          finish(() => resolve(GAVE_UP));
          return;
        }
        await pause(RECHECK_MS);
      }
    };
    const unsubscribe = cancellation.onCancel((forced) => {
      if (forced) void watchEngine();
    });
    if (cancellation.forced) void watchEngine();
    work.then(
      (value) => finish(() => resolve(value)),
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as it came
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

/** A pause that does not keep the process alive on its own (the work waited on does, while it is pending). */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
