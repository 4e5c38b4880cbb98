import * as vscode from 'vscode';
import { finishedStepCount, type RunRecord } from '../views/run-record.js';

/** A status-bar item shown while a run is active: `x/y steps`; a click focuses the Runs tree. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'daggerWorkflows.run',
    vscode.StatusBarAlignment.Left,
    50,
  );

  constructor() {
    this.item.name = 'Dagger Workflows: active run';
    this.item.command = 'daggerWorkflows.runs.focus';
  }

  /** Show the progress of the active runs, or hide the item when none is active. */
  update(activeRuns: readonly RunRecord[]): void {
    const [first] = activeRuns;
    if (first === undefined) {
      this.item.hide();
      return;
    }
    const done = activeRuns.reduce((sum, run) => sum + finishedStepCount(run), 0);
    const total = activeRuns.reduce((sum, run) => sum + run.steps.length, 0);
    const name = activeRuns.length === 1 ? first.workflowName : `${activeRuns.length} runs`;
    this.item.text = `$(sync~spin) ${name}: ${done}/${total} steps`;
    this.item.tooltip = 'Dagger Workflows: show the Runs view';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
