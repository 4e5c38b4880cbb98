import type { CacheVerdict } from '../core/cache/step-cache.js';

/** One line per step the cache decided on: `cache: build hit (run …)`, `cache: test miss: volume /src changed`. */
export function verdictLines(verdicts: ReadonlyMap<string, CacheVerdict>): string[] {
  return [...verdicts].map(([stepId, verdict]) => {
    switch (verdict.kind) {
      case 'hit':
        return `cache: ${stepId} hit (from run ${verdict.fromRunId})`;
      case 'reused':
        return `cache: ${stepId} reused from run ${verdict.fromRunId}`;
      case 'miss':
        return `cache: ${stepId} miss: ${verdict.reason}`;
      case 'uncacheable':
        return `cache: ${stepId} not cached: ${verdict.reason}`;
    }
  });
}
