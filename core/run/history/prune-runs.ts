import { rmSync } from 'node:fs';
import { listRuns } from './list-runs.js';

/**
 * Delete the oldest finished run folders beyond the newest `keep`, so the history does not grow forever.
 * Runs still marked running are never deleted (another process may be writing them). Returns how many went.
 */
export function pruneRuns(historyDir: string, keep: number): number {
  const old = listRuns(historyDir)
    .slice(Math.max(0, keep))
    .filter((run) => run.status !== 'running');
  for (const run of old) rmSync(run.dir, { recursive: true, force: true });
  return old.length;
}
