import { createWriteStream, mkdirSync, renameSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../events.js';
import { describeFileError } from '../../parse/describe-file-error.js';
import { WorkflowFileError } from '../run-errors.js';
import { pendingStepResult } from '../run-result.js';
import { RUN_FILE, stepLogFileName, type RunRecord } from './run-record.js';

/**
 * Keeps a run folder up to date from the run's events: `run.json` rewritten at each state change (so an
 * editor can show a run in progress) and one `<step>.log` per step. Events arrive with secrets masked.
 */
export class RunHistoryWriter {
  readonly dir: string;
  private record: RunRecord | undefined;
  private readonly logs = new Map<string, WriteStream>();

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
          ...(event.inputs === undefined ? {} : { inputs: event.inputs }),
          ...(event.secretInputs === undefined ? {} : { secretInputs: event.secretInputs }),
          outputs: {},
          steps: Object.fromEntries(event.stepIds.map((id) => [id, pendingStepResult()])),
        };
        // Every step has its log file from the start, even one that never prints.
        for (const id of event.stepIds) writeFileSync(join(this.dir, stepLogFileName(id)), '');
        this.save();
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
        this.save();
        break;
    }
  }

  /** The run.json as last written; undefined before runStarted. */
  get current(): Readonly<RunRecord> | undefined {
    return this.record;
  }

  /** Close the log files (after runFinished). */
  async close(): Promise<void> {
    await Promise.all([...this.logs.values()].map((stream) => new Promise((resolve) => stream.end(resolve))));
    this.logs.clear();
  }

  private update(stepId: string, change: (step: RunRecord['steps'][string]) => void): void {
    const step = this.record?.steps[stepId];
    if (!step) return;
    change(step);
    this.save();
  }

  private log(stepId: string): WriteStream {
    let stream = this.logs.get(stepId);
    if (!stream) {
      stream = createWriteStream(join(this.dir, stepLogFileName(stepId)), { flags: 'a' });
      // A log that cannot be written (disk full, folder removed) is lost; the run goes on. Without a
      // listener the stream's 'error' would end the process.
      stream.on('error', () => undefined);
      this.logs.set(stepId, stream);
    }
    return stream;
  }

  /** Write to a temporary file and rename, so a reader never sees half a run.json. */
  private save(): void {
    const temporary = join(this.dir, `${RUN_FILE}.tmp`);
    writeFileSync(temporary, `${JSON.stringify(this.record, null, 2)}\n`);
    renameSync(temporary, join(this.dir, RUN_FILE));
  }
}
