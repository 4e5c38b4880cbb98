import { rmSync } from 'node:fs';
import { recordedInputs } from '../../core/run/history/run-record.js';
import type { PreparedRun } from '../../core/run/prepare-run.js';
import { EngineUnreachableError } from '../../core/run/run-errors.js';
import { newRunId } from '../../core/run/run-workflow.js';
import { SecretMasker } from '../../core/run/secret-masker.js';
import { writeRunRecord } from '../../core/run/history/write-run-record.js';
import { describeFileError } from '../../core/parse/describe-file-error.js';
import { HttpProblem } from '../problem.js';
import type { CatalogWorkflow } from '../workflows/workflow-catalog.js';
import { Execution } from './execution.js';
import { endedBeforeStart, writeExecutionMeta, type ExecutionMeta } from './execution-meta.js';
import type { ExecutionStore } from './execution-store.js';
import { IdempotencyKeys, type IdempotencyHashes } from './idempotency.js';
import { runExecution, type RunSettings } from './run-execution.js';
import { RunQueue } from './run-queue.js';

export interface ExecutionServiceSettings extends RunSettings {
  /** Most runs at once; the others queue. */
  maxRuns: number;
  /** How many ended executions to keep (the oldest go). */
  keep: number;
  /** One line per execution state change. */
  log: (line: string) => void;
}

/** What to do with running executions on shutdown. */
export type ShutdownMode = 'cancel' | 'finish';

/** A checked execute request, ready to be accepted. */
export interface ExecuteRequest {
  workflow: CatalogWorkflow;
  prepared: PreparedRun;
  inputs: Record<string, string>;
  idempotency?: { key: string; request: string };
}

/**
 * Accepts executions (recorded on disk first), runs them through a bounded queue, cancels them, and ends
 * them all on shutdown.
 */
export class ExecutionService {
  readonly idempotency: IdempotencyKeys;
  private readonly queue: RunQueue;
  private readonly runs = new Map<string, { text: string; inputs: Record<string, string> }>();
  private closing = false;

  constructor(
    readonly store: ExecutionStore,
    private readonly settings: ExecutionServiceSettings,
  ) {
    this.idempotency = new IdempotencyKeys(store);
    this.queue = new RunQueue(Math.max(1, settings.maxRuns));
    // A restart with a smaller --keep.
    this.pruneOld();
  }

  /**
   * Accept an execution: check the engine answers, write execution.json to disk, queue the run. With an
   * Idempotency-Key, duplicates arriving meanwhile get this same execution.
   */
  accept(request: ExecuteRequest): Promise<Execution> {
    const { idempotency } = request;
    if (!idempotency) return this.create(request);
    return this.idempotency.create(idempotency.key, idempotency.request, (hashes) =>
      this.create(request, hashes),
    );
  }

  /** Cancel: a queued execution ends at once, a running one stops its containers (`force`: kills them). */
  async cancel(execution: Execution, force: boolean): Promise<void> {
    if (execution.isFinal)
      throw new HttpProblem(
        409,
        'already-ended',
        'Execution already ended',
        `execution ${execution.id} has already ended (${execution.status})`,
      );
    if (this.queue.remove(execution.id))
      await this.endQueued(execution, 'cancelled', 'cancelled before it started');
    else execution.cancelRun(force);
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /**
   * Stop taking executions; end the queued ones (`cancelled`, they never started); cancel the running ones
   * or let them finish; resolve when every execution has ended and its records are on disk.
   */
  async shutdown(mode: ShutdownMode): Promise<void> {
    this.closing = true;
    for (const id of this.queue.removeAll()) {
      const execution = this.store.get(id);
      if (execution) await this.endQueued(execution, 'cancelled', 'the server shut down before it started');
    }
    if (mode === 'cancel') this.cancelAll(false);
    await Promise.all(this.store.unfinished().map((execution) => execution.whenEnded()));
  }

  /** Cancel every running execution (`force`: kill their containers at once). */
  cancelAll(force: boolean): void {
    for (const execution of this.store.unfinished()) execution.cancelRun(force);
  }

  private async create(request: ExecuteRequest, idempotency?: IdempotencyHashes): Promise<Execution> {
    if (this.closing) throw shuttingDown();
    try {
      await this.settings.runtime.ping();
    } catch (error) {
      if (!(error instanceof EngineUnreachableError)) throw error;
      throw new HttpProblem(503, 'engine-unreachable', 'Engine unreachable', error.message, {
        headers: { 'retry-after': '5' },
      });
    }
    if (this.closing) throw shuttingDown();
    const { workflow, prepared } = request;
    const masker = new SecretMasker(prepared.secrets);
    const meta: ExecutionMeta = {
      execution_id: newRunId(),
      workflow_id: workflow.id,
      workflow_file: workflow.file,
      workflow_name: prepared.workflowName,
      step_ids: prepared.stepIds,
      inputs: recordedInputs(prepared.inputs, prepared.secretInputs, (text) => masker.mask(text)),
      secret_inputs: prepared.secretInputs,
      created_at: new Date().toISOString(),
      ...(idempotency ? { idempotency } : {}),
    };
    let dir: string;
    try {
      dir = writeExecutionMeta(this.settings.executionsDir, meta);
    } catch (error) {
      throw new HttpProblem(
        507,
        'cannot-record',
        'Cannot record the execution',
        `cannot write the execution record: ${describeFileError(error)}`,
      );
    }
    const execution = new Execution(meta, dir);
    this.store.add(execution);
    this.settings.log(`execution ${meta.execution_id} of ${workflow.id}: queued`);
    this.runs.set(meta.execution_id, { text: workflow.text, inputs: request.inputs });
    this.queue.add(meta.execution_id, () => this.run(execution));
    return execution;
  }

  private async run(execution: Execution): Promise<void> {
    const run = this.runs.get(execution.id);
    this.runs.delete(execution.id);
    if (!run) return;
    this.settings.log(`execution ${execution.id} of ${execution.meta.workflow_id}: running`);
    await runExecution(execution, run.text, run.inputs, this.settings);
    this.ended(execution);
  }

  private async endQueued(
    execution: Execution,
    status: 'failed' | 'cancelled',
    reason: string,
  ): Promise<void> {
    this.runs.delete(execution.id);
    const record = endedBeforeStart(execution.meta, status, reason);
    try {
      writeRunRecord(execution.dir, record);
    } catch {
      // A full disk: the execution still ends in memory.
    }
    await execution.finish(record);
    this.ended(execution);
  }

  private ended(execution: Execution): void {
    const reason = execution.record?.reason;
    this.settings.log(
      `execution ${execution.id} of ${execution.meta.workflow_id}: ${execution.status}${reason ? ` (${reason})` : ''}`,
    );
    this.pruneOld();
  }

  /** Delete the ended executions past the newest --keep. */
  private pruneOld(): void {
    // The store knows every execution and its age: no folder needs to be read to choose what goes.
    for (const old of this.store.prune(this.settings.keep)) {
      try {
        rmSync(old.dir, { recursive: true, force: true });
      } catch {
        // Housekeeping: a folder that cannot be deleted now is not served any more, and goes at a restart.
      }
    }
  }
}

/** The 503 of a request that comes while the server shuts down. */
export function shuttingDown(): HttpProblem {
  return new HttpProblem(
    503,
    'shutting-down',
    'Shutting down',
    'the server is shutting down; retry when it is back',
    { headers: { 'retry-after': '5' } },
  );
}
