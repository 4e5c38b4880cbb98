import * as vscode from 'vscode';
import type { RunEvent } from '../../core/run/events.js';
import { PullBoard } from '../../core/run/pull-board.js';
import { describeStep, formatDuration, type RunRecord } from '../views/run-record.js';

/**
 * The run-level channel: one line per state change, one per image pulled and one when a run's pulls are over
 * (not one per engine message), and a summary table when a run ends.
 */
export class RunSummaryChannel implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Dagger: Runs');
  private readonly pulls = new Map<string, PullBoard>();

  /** Write the line an event deserves (logs go to the step channels, not here). */
  write(record: RunRecord, event: RunEvent): void {
    const time = new Date(event.time).toLocaleTimeString();
    switch (event.type) {
      case 'runStarted':
        this.channel.appendLine(
          `${time} ▶ ${record.workflowName}: run ${event.runId} (${event.stepIds.length} steps)`,
        );
        break;
      case 'imagePull': {
        let board = this.pulls.get(record.runId);
        if (!board) this.pulls.set(record.runId, (board = new PullBoard()));
        for (const line of board.update(event)) this.channel.appendLine(`${time}   ${line}`);
        break;
      }
      case 'stepStarted':
        this.channel.appendLine(
          `${time}   ${event.stepId}: started (attempt ${event.attempt}/${event.maxAttempts})`,
        );
        break;
      case 'attemptFailed':
        this.channel.appendLine(
          `${time}   ${event.stepId}: attempt ${event.attempt} failed: ${event.reason}`,
        );
        break;
      case 'stepFinished':
        this.channel.appendLine(
          `${time}   ${event.stepId}: ${event.status}${event.reason ? ` — ${event.reason}` : ''}`,
        );
        break;
      case 'warning':
        this.channel.appendLine(`${time} ⚠ ${record.workflowName}: ${event.message}`);
        break;
      case 'runFinished':
        this.pulls.delete(record.runId);
        this.channel.appendLine(
          `${time} ■ ${record.workflowName}: ${event.status}${event.fault ? ` — ${event.fault.message}` : ''}`,
        );
        this.writeTable(record);
        break;
      default:
        break;
    }
  }

  /** A run that could not start at all. */
  writeError(workflowName: string, message: string): void {
    this.channel.appendLine(`${new Date().toLocaleTimeString()} ✖ ${workflowName}: ${message}`);
  }

  /** The summary of a run: one row per step. */
  writeTable(record: RunRecord): void {
    const width = Math.max(4, ...record.steps.map((step) => step.id.length));
    this.channel.appendLine(`  ${'step'.padEnd(width)}  ${'status'.padEnd(10)}  details`);
    for (const step of record.steps) {
      const reason = step.reason ? ` — ${step.reason}` : '';
      this.channel.appendLine(
        `  ${step.id.padEnd(width)}  ${step.status.padEnd(10)}  ${describeStep(step)}${reason}`,
      );
    }
    this.channel.appendLine(`  total ${formatDuration(record.startedAt, record.finishedAt)}`);
    this.channel.appendLine('');
  }

  dispose(): void {
    this.channel.dispose();
  }
}
