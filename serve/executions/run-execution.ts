import { interruptedRecord } from '../../core/run/history/end-record.js';
import type { RunRecord } from '../../core/run/history/run-record.js';
import { writeRunRecord } from '../../core/run/history/write-run-record.js';
import type { ContainerRuntime } from '../../core/run/runtime.js';
import { startRun } from '../../core/run/run-workflow.js';
import type { Execution } from './execution.js';
import { endedBeforeStart } from './execution-meta.js';

/** How every run of the server is made. */
export interface RunSettings {
  runtime: ContainerRuntime;
  /** The folder of execution folders (the runs' history folder). */
  executionsDir: string;
  /** Most steps at once in one run; undefined: the number of CPUs, as `dagger-wf run`. */
  maxParallel?: number;
  /** What `${VAR}` reads (the server's environment, less its token). */
  hostEnv: Record<string, string | undefined>;
}

/**
 * Run an accepted execution to its end with core's startRun, exactly as `dagger-wf run` does (same
 * checks, events, history folder, container labels and clean-up), and give the execution its final,
 * saved record. Never rejects: a run that cannot start ends the execution `failed` with the reason.
 */
export async function runExecution(
  execution: Execution,
  workflowText: string,
  inputs: Record<string, string>,
  settings: RunSettings,
): Promise<void> {
  const { meta } = execution;
  const handle = startRun({
    workflowFile: meta.workflow_file,
    text: workflowText,
    inputs,
    hostEnv: settings.hostEnv,
    runtime: settings.runtime,
    maxParallel: settings.maxParallel,
    historyDir: settings.executionsDir,
    // The server keeps its executions itself (--keep): startRun must not prune them.
    historyLimit: Number.POSITIVE_INFINITY,
    runId: meta.execution_id,
  });
  execution.attach(handle);
  let record: RunRecord;
  try {
    await handle.result;
    const saved = handle.record();
    record = saved ? structuredClone(saved) : endedBeforeStart(meta, 'failed', 'the run kept no record');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const started = handle.record();
    record = started
      ? { ...interruptedRecord(structuredClone(started)), reason }
      : endedBeforeStart(meta, 'failed', reason);
    try {
      writeRunRecord(execution.dir, record);
    } catch {
      // The disk refuses (full): the execution still ends in memory; a restart reports it interrupted.
    }
  }
  await execution.finish(record);
}
