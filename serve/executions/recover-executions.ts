import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INTERRUPTED, interruptedRecord } from '../../core/run/history/end-record.js';
import { readRun } from '../../core/run/history/list-runs.js';
import type { RunRecord } from '../../core/run/history/run-record.js';
import { writeRunRecord } from '../../core/run/history/write-run-record.js';
import { Execution } from './execution.js';
import { endedBeforeStart, readExecutionMeta } from './execution-meta.js';

export interface Recovered {
  executions: Execution[];
  /** Ids of the executions that were queued or running when the last server stopped without ending them. */
  interrupted: string[];
}

/**
 * Read back every execution from the state folder at start. The server holds the folder's lock, so an
 * execution still queued or running was left so by a server that died (SIGKILL, a crash, a reboot): it
 * ends now as `failed`, reason `interrupted` (its containers go with sweepOrphans). Queued executions are
 * not run after a restart: their secret inputs were never written to disk, so they could not run as asked;
 * the client sees `interrupted` and can submit again.
 */
export function recoverExecutions(executionsDir: string): Recovered {
  const executions: Execution[] = [];
  const interrupted: string[] = [];
  if (!existsSync(executionsDir)) return { executions, interrupted };
  for (const entry of readdirSync(executionsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(executionsDir, entry.name);
    const meta = readExecutionMeta(dir);
    if (!meta) continue;
    const run = readRun(dir);
    let record: RunRecord;
    if (run && run.status !== 'running') {
      record = withoutFolder(run);
    } else {
      record = run ? interruptedRecord(withoutFolder(run)) : endedBeforeStart(meta, 'failed', INTERRUPTED);
      writeRunRecord(dir, record);
      interrupted.push(meta.execution_id);
    }
    executions.push(new Execution(meta, dir, record));
  }
  return { executions, interrupted };
}

function withoutFolder(run: RunRecord & { dir: string }): RunRecord {
  const record: RunRecord & { dir?: string } = { ...run };
  delete record.dir;
  return record;
}
