import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unstartedRecord } from '../../core/run/history/end-record.js';
import type { RunRecord } from '../../core/run/history/run-record.js';
import { writeJsonDurably } from '../../core/run/history/write-run-record.js';

/** The file beside run.json that makes a run folder an execution of `dagger-wf serve`. */
export const EXECUTION_FILE = 'execution.json';

/**
 * What the server knows of an execution from the moment it is accepted, before its run writes run.json:
 * written (and flushed to disk) before the 202 goes out, so a crash right after still leaves it listed.
 */
export interface ExecutionMeta {
  execution_id: string;
  workflow_id: string;
  /** Absolute path of the workflow file. */
  workflow_file: string;
  workflow_name: string;
  step_ids: string[];
  /** As recordedInputs gives them: secret inputs as `***`. */
  inputs: Record<string, string>;
  secret_inputs: string[];
  created_at: string;
  /** Hashes of the Idempotency-Key and of the request it came with (the key itself is not kept). */
  idempotency?: { key_sha256: string; request_sha256: string };
}

/** Create the execution's folder (0700) and write its execution.json durably; returns the folder. */
export function writeExecutionMeta(executionsDir: string, meta: ExecutionMeta): string {
  const dir = join(executionsDir, meta.execution_id);
  writeJsonDurably(dir, EXECUTION_FILE, meta);
  return dir;
}

/** The execution.json of a folder, or undefined when it has none or it is not one of ours. */
export function readExecutionMeta(dir: string): ExecutionMeta | undefined {
  let meta: Partial<ExecutionMeta> | null;
  try {
    meta = JSON.parse(readFileSync(join(dir, EXECUTION_FILE), 'utf8')) as Partial<ExecutionMeta> | null;
  } catch {
    return undefined;
  }
  const valid =
    meta !== null &&
    typeof meta === 'object' &&
    meta.execution_id === basename(dir) &&
    typeof meta.workflow_id === 'string' &&
    typeof meta.created_at === 'string' &&
    Array.isArray(meta.step_ids) &&
    typeof meta.inputs === 'object';
  return valid ? (meta as ExecutionMeta) : undefined;
}

/** The final record of an execution that ended before its run started (cancelled, interrupted, refused). */
export function endedBeforeStart(
  meta: ExecutionMeta,
  status: 'failed' | 'cancelled',
  reason: string,
): RunRecord {
  return unstartedRecord({
    runId: meta.execution_id,
    workflowFile: meta.workflow_file,
    workflowName: meta.workflow_name,
    stepIds: meta.step_ids,
    inputs: meta.inputs,
    secretInputs: meta.secret_inputs,
    acceptedAt: meta.created_at,
    status,
    reason,
  });
}
