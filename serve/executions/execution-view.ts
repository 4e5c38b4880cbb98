import { pendingStepResult } from '../../core/run/run-result.js';
import type { Execution } from './execution.js';

/**
 * GET /dagger/executions/{id}: the `dagger-wf run --json` object (status, outputs, steps) plus the
 * execution's own fields (docs/serve-api.md). Every value comes from the masked record.
 */
export function executionView(execution: Execution) {
  const { meta } = execution;
  const record = execution.record;
  return {
    execution_id: meta.execution_id,
    run_id: meta.execution_id,
    workflow_id: meta.workflow_id,
    status: execution.status,
    ...(record?.reason === undefined ? {} : { reason: record.reason }),
    outputs: record?.outputs ?? {},
    steps: record?.steps ?? Object.fromEntries(meta.step_ids.map((id) => [id, pendingStepResult()])),
    inputs: meta.inputs,
    secret_inputs: meta.secret_inputs,
    created_at: meta.created_at,
    finished_at: record?.finished_at ?? null,
  };
}

/** One entry of GET /dagger/executions. */
export function executionSummary(execution: Execution) {
  const record = execution.record;
  return {
    execution_id: execution.id,
    workflow_id: execution.meta.workflow_id,
    status: execution.status,
    ...(record?.reason === undefined ? {} : { reason: record.reason }),
    created_at: execution.meta.created_at,
    finished_at: record?.finished_at ?? null,
  };
}
