import { readFileSync } from 'node:fs';
import {
  isInterrupted,
  listRuns,
  readStepLog as readStoredStepLog,
  type RunSummary,
} from '../../core/run/history/list-runs.js';
import type { RunStatus } from '../../core/model/run-state.js';
import type { RunRecord, StepRecord } from '../views/run-record.js';
import { workflowTools } from '../workflow-tools/load-workflow-tools.js';
import { join } from 'node:path';

/** How many past runs the tree reads back (the newest). */
const MAX_RUNS = 50;

/**
 * Read the runs kept in the history folder (run folders written by the runner: run.json + a log per step)
 * back into tree records, newest first. Unreadable runs are left out, never fatal.
 */
export function loadRunHistory(historyDir: string): RunRecord[] {
  const orders = new Map<string, string[]>();
  return listRuns(historyDir)
    .slice(0, MAX_RUNS)
    .map((summary) => toRecord(summary, orders));
}

/** A step's log of a past run, or undefined when none was kept. */
export function readStepLog(historyDir: string, runId: string, stepId: string): string | undefined {
  return readStoredStepLog(join(historyDir, runId), stepId) || undefined;
}

function toRecord(summary: RunSummary, orders: Map<string, string[]>): RunRecord {
  const order = topologicalOrderOf(summary.workflowFile, orders);
  // The workflow's topological order; steps it no longer has follow, in the order the record lists them.
  const position = new Map(order.map((id, index) => [id, index]));
  const rank = (id: string) => position.get(id) ?? order.length;
  const sorted = Object.entries(summary.steps).sort(([a], [b]) => rank(a) - rank(b));
  const interrupted = isInterrupted(summary);
  const status: RunStatus = interrupted ? 'cancelled' : summary.status;
  return {
    runId: summary.runId,
    workflowFile: summary.workflowFile,
    workflowName: summary.workflowName,
    status,
    startedAt: summary.started_at,
    finishedAt: summary.finished_at ?? undefined,
    steps: sorted.map(([id, step]): StepRecord => {
      const unfinished = step.status === 'running' || step.status === 'pending';
      return {
        id,
        status: interrupted && unfinished ? 'cancelled' : step.status,
        attempt: step.attempts,
        maxAttempts: Math.max(1, step.attempts),
        exitCode: step.exit_code,
        startedAt: step.started_at ?? undefined,
        finishedAt: step.finished_at ?? undefined,
        reason: interrupted && unfinished ? 'the run was interrupted' : step.reason,
        ...(step.cached ? { cached: true } : {}),
      };
    }),
  };
}

/** The workflow's step order (read once per file); empty when the file is gone. */
function topologicalOrderOf(workflowFile: string, cache: Map<string, string[]>): string[] {
  let order = cache.get(workflowFile);
  if (!order) {
    try {
      const tools = workflowTools();
      order = tools.plannedSteps(tools.parseWorkflow(readFileSync(workflowFile, 'utf8')));
    } catch {
      order = [];
    }
    cache.set(workflowFile, order);
  }
  return order;
}
