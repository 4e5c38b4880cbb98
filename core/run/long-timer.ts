/** The longest delay `setTimeout` takes; past it Node fires after 1 ms (with a TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `setTimeout` for any delay: one longer than about 24.8 days (a `timeout_seconds` of 3,000,000 is valid)
 * is waited for in stretches towards a fixed deadline, instead of firing at once. Returns its stop function.
 */
export function startLongTimer(callback: () => void, ms: number): () => void {
  const deadline = Date.now() + ms;
  let timer: NodeJS.Timeout;
  const wait = () => {
    const remaining = deadline - Date.now();
    if (remaining > MAX_TIMER_MS) timer = setTimeout(wait, MAX_TIMER_MS);
    else timer = setTimeout(callback, Math.max(remaining, 0));
  };
  wait();
  return () => clearTimeout(timer);
}
