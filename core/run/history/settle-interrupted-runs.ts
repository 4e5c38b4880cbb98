import { hostname } from 'node:os';
import { isProcessAlive } from '../process-alive.js';
import type { RunFault } from '../run-result.js';
import { listRuns } from './list-runs.js';
import { writeRunRecord } from './write-run-record.js';

/**
 * Finish the records of runs whose process ended before the run did (killed, out of memory, machine
 * restarted): still `running` on disk, their process gone from this machine. They become `failed` with the
 * reason "interrupted", their unfinished steps `cancelled`, so no record says `running` for a run that is not.
 * Records of another machine (a shared home folder) are left alone. Returns how many were settled.
 */
export function settleInterruptedRuns(historyDir: string, now = new Date()): number {
  let settled = 0;
  for (const run of listRuns(historyDir)) {
    if (run.status !== 'running' || (run.host !== undefined && run.host !== hostname())) continue;
    if (isProcessAlive(run.pid)) continue;
    const fault: RunFault = {
      kind: 'interrupted',
      message: `interrupted: its process (pid ${run.pid}) ended before the run did`,
    };
    const time = now.toISOString();
    for (const step of Object.values(run.steps)) {
      if (step.status !== 'running' && step.status !== 'pending') continue;
      Object.assign(step, { status: 'cancelled', finished_at: time, reason: fault.message });
    }
    const { dir, ...record } = run;
    Object.assign(record, { status: 'failed', finished_at: time, fault });
    try {
      writeRunRecord(dir, record);
      settled++;
    } catch {
      // Not ours to write (another user's folder) or no room: the history view still shows it as interrupted.
    }
  }
  return settled;
}
