import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../events.js';
import { describeFileError } from '../../parse/describe-file-error.js';
import { WorkflowFileError } from '../run-errors.js';
import { pendingStepResult, type RunFault } from '../run-result.js';
import { RUN_FILE, stepLogFileName, type RunRecord } from './run-record.js';
import { writeRunRecord } from './write-run-record.js';
import { StepLogFile } from './step-log-file.js';

/**
 * Keeps a run folder up to date from the run's events: `run.json` rewritten at each state change (so an
 * editor can show a run in progress) and one `<step>.log` per step. Events arrive with secrets masked.
 *
 * It never throws, and never leaves a record `running` once the run is over: when the disk fills up it
 * reports the problem once (`onProblem`), keeps trying, writes the final record in place of the old one if a
 * new file cannot be made, and as a last resort removes the run folder rather than leave a record that lies.
 */
export class RunHistoryWriter {
  readonly dir: string;
  /** Why the run folder is incomplete, once a write failed. */
  problem: string | undefined;
  /** False once the run folder was removed because its final record could not be written. */
  kept = true;
  /** Told once, at the first write that fails. */
  onProblem: (message: string) => void = () => undefined;
  private record: RunRecord | undefined;
  private readonly logs = new Map<string, StepLogFile>();

  constructor(historyDir: string, runId: string) {
    this.dir = join(historyDir, runId);
  }

  /** Create the history folder now, so one that cannot be created stops the run before it starts. */
  static ensureHistoryDir(historyDir: string): void {
    try {
      // Only its owner reads a run's logs (like `docker logs`, which needs the engine's rights).
      mkdirSync(historyDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new WorkflowFileError(`cannot use the history folder ${historyDir}: ${describeFileError(error)}`);
    }
  }

  handle(event: RunEvent): void {
    try {
      this.apply(event);
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * End a run that stopped without its runFinished event (the runner itself failed): running and pending
   * steps are cancelled, and the record is final.
   */
  abandon(fault: RunFault): void {
    if (!this.record || this.record.status !== 'running') return;
    const time = new Date().toISOString();
    for (const step of Object.values(this.record.steps)) {
      if (step.status !== 'running' && step.status !== 'pending') continue;
      Object.assign(step, { status: 'cancelled', finished_at: time, reason: fault.message });
    }
    Object.assign(this.record, { status: 'failed', finished_at: time, fault });
    this.save(true);
  }

  /** Close the log files (after runFinished). */
  async close(): Promise<void> {
    await Promise.all([...this.logs.values()].map((log) => log.close()));
    this.logs.clear();
  }

  private apply(event: RunEvent): void {
    switch (event.type) {
      case 'runStarted':
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.record = {
          runId: event.runId,
          workflowFile: event.workflowFile,
          workflowName: event.workflowName,
          status: 'running',
          started_at: event.time,
          finished_at: null,
          pid: process.pid,
          host: hostname(),
          ...(event.inputs === undefined ? {} : { inputs: event.inputs }),
          ...(event.secretInputs === undefined ? {} : { secretInputs: event.secretInputs }),
          outputs: {},
          steps: Object.fromEntries(event.stepIds.map((id) => [id, pendingStepResult()])),
        };
        this.save(false);
        // Every step has its log file from the start, even one that never prints.
        for (const id of event.stepIds) writeFileSync(join(this.dir, stepLogFileName(id)), '');
        break;
      case 'stepStarted':
        this.update(event.stepId, (step) => {
          step.status = 'running';
          step.attempts = event.attempt;
          step.started_at ??= event.time;
        });
        break;
      case 'log':
        this.log(event.stepId).write(event.text);
        break;
      case 'attemptFailed':
        this.log(event.stepId).write(
          `\n[dagger-wf] attempt ${event.attempt}/${event.maxAttempts} failed: ${event.reason}${event.willRetry ? ', retrying' : ''}\n`,
        );
        break;
      case 'stepFinished':
        this.update(event.stepId, (step) => {
          Object.assign(step, {
            status: event.status,
            exit_code: event.exitCode,
            attempts: event.attempts,
            outputs: event.outputs,
          });
          if (event.startedAt !== undefined) step.started_at = event.startedAt;
          step.finished_at = event.time;
          if (event.reason !== undefined) step.reason = event.reason;
        });
        break;
      case 'runFinished':
        if (!this.record) return;
        Object.assign(this.record, { status: event.status, finished_at: event.time, outputs: event.outputs });
        if (event.fault) this.record.fault = event.fault;
        this.save(true);
        break;
      default:
        break;
    }
  }

  /** The run.json as last written; undefined before runStarted. */
  get current(): Readonly<RunRecord> | undefined {
    return this.record;
  }

  private update(stepId: string, change: (step: RunRecord['steps'][string]) => void): void {
    const step = this.record?.steps[stepId];
    if (!step) return;
    change(step);
    this.save(false);
  }

  private log(stepId: string): StepLogFile {
    let log = this.logs.get(stepId);
    if (!log) {
      log = new StepLogFile(join(this.dir, stepLogFileName(stepId)), (error) => this.fail(error));
      this.logs.set(stepId, log);
    }
    return log;
  }

  /**
   * Write to a temporary file and rename, so a reader never sees half a run.json. When that fails for the
   * final record, overwrite the old record in place (that needs no new space), compactly; failing that too,
   * remove the run folder.
   */
  private save(final: boolean): void {
    if (!this.record || !this.kept) return;
    try {
      writeRunRecord(this.dir, this.record);
      return;
    } catch (error) {
      this.fail(error);
    }
    if (final && !this.overwriteInPlace(JSON.stringify(this.record))) {
      quietly(() => rmSync(this.dir, { recursive: true, force: true }));
      this.kept = false;
    }
  }

  private overwriteInPlace(text: string): boolean {
    let fd: number | undefined;
    try {
      fd = openSync(join(this.dir, RUN_FILE), 'r+');
      writeSync(fd, text, 0);
      ftruncateSync(fd, Buffer.byteLength(text));
      return true;
    } catch {
      return false;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private fail(error: unknown): void {
    if (this.problem !== undefined) return;
    this.problem = describeFileError(error);
    this.onProblem(
      `cannot write the run history in ${this.dir} (${this.problem}): this run's record and logs are incomplete`,
    );
  }
}

/** Clean-up that may fail as well (the folder is gone, or read-only): nothing more can be done then. */
function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // Already reported through onProblem.
  }
}
