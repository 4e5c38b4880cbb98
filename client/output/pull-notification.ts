import * as vscode from 'vscode';
import type { RunEvent } from '../../core/run/events.js';
import { PullBoard, type ImagePullState } from '../../core/run/pull-board.js';
import { describePullProgress, pullFraction } from '../../core/run/describe-pull.js';

/** A batch of pulls shorter than this shows no notification: it would flash and vanish. */
const SHOW_AFTER_MS = 500;

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

interface RunPulls {
  workflowName: string;
  board: PullBoard;
  timer?: NodeJS.Timeout;
  shown?: { progress: Progress; percent: number; close: () => void };
}

/**
 * A progress notification per run while its images are pulled: how many are done, and how far the ones
 * being pulled have come. Its Cancel button cancels the run (which stops the pulls at once).
 */
export class PullNotifications implements vscode.Disposable {
  private readonly runs = new Map<string, RunPulls>();

  constructor(private readonly cancelRun: (runId: string) => void) {}

  /** Follow a run's events (all of them; only pulls and the run's end matter here). */
  handle(runId: string, workflowName: string, event: RunEvent): void {
    if (event.type === 'runFinished') return this.close(runId);
    if (event.type !== 'imagePull') return;
    let run = this.runs.get(runId);
    if (!run) this.runs.set(runId, (run = { workflowName, board: new PullBoard() }));
    run.board.update(event);
    if (run.board.open.length === 0) return this.close(runId);
    if (run.shown) this.report(run.shown, run.board.current);
    else run.timer ??= setTimeout(() => this.show(runId), SHOW_AFTER_MS);
  }

  private show(runId: string): void {
    const run = this.runs.get(runId);
    if (!run) return;
    run.timer = undefined;
    const options = {
      location: vscode.ProgressLocation.Notification,
      title: `Dagger: pulling images for ${run.workflowName}`,
      cancellable: true,
    };
    void vscode.window.withProgress(options, (progress, token) => {
      token.onCancellationRequested(() => this.cancelRun(runId));
      return new Promise<void>((close) => {
        run.shown = { progress, percent: 0, close };
        this.report(run.shown, run.board.current);
      });
    });
  }

  private report(shown: NonNullable<RunPulls['shown']>, pulls: readonly ImagePullState[]): void {
    const ended = pulls.filter((pull) => pull.endedAt !== undefined);
    const open = pulls.filter((pull) => pull.endedAt === undefined);
    const fraction = pulls.reduce((sum, pull) => sum + (pull.endedAt ? 1 : pullFraction(pull.pull)), 0);
    const percent = (100 * fraction) / Math.max(1, pulls.length);
    const [first] = open;
    const now = first ? `${first.image}: ${describePullProgress(first.pull) || first.status}` : '';
    const more = open.length > 1 ? ` (+${open.length - 1} more)` : '';
    shown.progress.report({
      message: `${ended.length} of ${pulls.length} images · ${now}${more}`,
      // Increments add up; one image more in the batch may lower the share, which the bar cannot show.
      increment: Math.max(0, percent - shown.percent),
    });
    shown.percent = Math.max(shown.percent, percent);
  }

  private close(runId: string): void {
    const run = this.runs.get(runId);
    if (!run) return;
    clearTimeout(run.timer);
    run.shown?.close();
    this.runs.delete(runId);
  }

  dispose(): void {
    for (const runId of [...this.runs.keys()]) this.close(runId);
  }
}
