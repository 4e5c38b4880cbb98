import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LOG_CUT_NOTE, MAX_STEP_LOG_BYTES } from '../log-limits.js';
import { isProcessAlive } from '../process-alive.js';
import { readFileHead } from '../read-file-head.js';
import { RUN_FILE, stepLogFileName, type RunRecord } from './run-record.js';

/** A run folder as the history view lists it. */
export interface RunSummary extends RunRecord {
  /** The run folder. */
  dir: string;
}

/**
 * The run recorded in `dir` (its run.json), or undefined when there is none, it is unreadable, or it is no
 * dagger-wf run (another tool's run.json): pruning deletes what this lists, so it must be ours.
 */
export function readRun(dir: string): RunSummary | undefined {
  let record: Partial<RunRecord> | null;
  try {
    record = JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as Partial<RunRecord> | null;
  } catch {
    return undefined;
  }
  const ours =
    record !== null &&
    typeof record === 'object' &&
    record.runId === basename(dir) &&
    typeof record.started_at === 'string' &&
    typeof record.status === 'string' &&
    typeof record.steps === 'object' &&
    record.steps !== null;
  return ours ? { ...(record as RunRecord), dir } : undefined;
}

/** Every run under `historyDir`, newest first; folders without a readable run.json are left out. */
export function listRuns(historyDir: string): RunSummary[] {
  if (!existsSync(historyDir)) return [];
  const runs = readdirSync(historyDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => readRun(join(historyDir, entry.name)) ?? []);
  return runs.sort((a, b) => b.started_at.localeCompare(a.started_at) || b.runId.localeCompare(a.runId));
}

/**
 * A step's log text from a run folder ('' when the step wrote nothing), at most MAX_STEP_LOG_BYTES of it (the
 * runner keeps no more; a log from elsewhere may be bigger): an output channel must not be handed gigabytes.
 */
export function readStepLog(dir: string, stepId: string): string {
  const path = join(dir, stepLogFileName(stepId));
  if (!existsSync(path)) return '';
  const head = readFileHead(path, MAX_STEP_LOG_BYTES);
  return head.complete ? head.text : head.text + LOG_CUT_NOTE;
}

/** The path of a step's log file in a run folder (it may not exist yet). */
export function stepLogPath(dir: string, stepId: string): string {
  return join(dir, stepLogFileName(stepId));
}

/**
 * True for a run whose run.json still says `running` but whose process is gone (killed, machine restarted):
 * the history view shows it as interrupted rather than as running forever.
 */
export function isInterrupted(run: RunRecord): boolean {
  return run.status === 'running' && !isProcessAlive(run.pid);
}
