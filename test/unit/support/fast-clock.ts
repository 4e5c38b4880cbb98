/** A simulated clock for tests that only wait for time to pass (a step's timeout, an engine recheck). */
import type { TestContext } from 'node:test';

/**
 * Replaces `setTimeout` and `setInterval` for the rest of test `t` with node:test's mock timers, and moves
 * their clock `stepMs` ahead on every turn of the event loop. Timers fire in the order and at the simulated
 * times they would have, while I/O and promises run between them as usual: a 1 s timeout takes a few
 * milliseconds of the suite's time instead of a second. The clock stops after `limitMs` of simulated time; the
 * real timers are back when `t` ends.
 */
export function useFastClock(t: TestContext, stepMs = 50, limitMs = 10 * 60_000): void {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  let running = true;
  let elapsed = 0;
  // setImmediate is not mocked: each turn lets pending I/O and promises settle before the clock moves.
  // Past `limitMs` the clock stops, so a test waiting for a timer that is never set fails instead of spinning.
  const turn = () => {
    if (!running || elapsed >= limitMs) return;
    elapsed += stepMs;
    t.mock.timers.tick(stepMs);
    setImmediate(turn);
  };
  setImmediate(turn);
  t.after(() => {
    running = false;
  });
}
