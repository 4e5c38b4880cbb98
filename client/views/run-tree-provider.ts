import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { RunStore } from './run-store.js';
import {
  describeStep,
  finishedStepCount,
  formatDuration,
  isPulling,
  type RunRecord,
  type StepRecord,
} from './run-record.js';
import { pullStepLine } from '../../core/run/pull-board.js';
import { runStateIcon, stepStateIcon } from './state-icons.js';

/** A node of the Runs tree: a run, or one step of a run. */
export type RunTreeNode =
  { kind: 'run'; run: RunRecord } | { kind: 'step'; run: RunRecord; step: StepRecord };

/**
 * The Runs view: runs newest first → their steps in topological order, with a state icon,
 * duration, attempt and exit code. Selecting a step opens its output channel.
 */
export class RunTreeProvider implements vscode.TreeDataProvider<RunTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<RunTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: { dispose(): void };
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly store: RunStore) {
    // Coalesce bursts of events (a log-heavy run) into at most ~10 repaints a second.
    this.subscription = store.onDidChange(() => this.scheduleRefresh());
  }

  getChildren(node?: RunTreeNode): RunTreeNode[] {
    if (!node) return this.store.runs.map((run) => ({ kind: 'run', run }));
    if (node.kind === 'run') return node.run.steps.map((step) => ({ kind: 'step', run: node.run, step }));
    return [];
  }

  getParent(node: RunTreeNode): RunTreeNode | undefined {
    return node.kind === 'step' ? { kind: 'run', run: node.run } : undefined;
  }

  getTreeItem(node: RunTreeNode): vscode.TreeItem {
    return node.kind === 'run' ? this.runItem(node.run) : this.stepItem(node.run, node.step);
  }

  private runItem(run: RunRecord): vscode.TreeItem {
    const newest = this.store.runs[0] === run;
    const state = newest
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(run.workflowName || basename(run.workflowFile), state);
    item.id = `run:${run.runId}`;
    item.iconPath = runStateIcon(run.status);
    const started = new Date(run.startedAt).toLocaleTimeString();
    // The icon tells a finished run's state; while running, the description counts steps.
    const progress = run.status === 'running' ? `${finishedStepCount(run)}/${run.steps.length} steps` : '';
    item.description = [started, progress, formatDuration(run.startedAt, run.finishedAt)]
      .filter(Boolean)
      .join(' · ');
    const tooltip = new vscode.MarkdownString(
      `**${run.workflowName}** — ${run.status}\n\n${run.workflowFile}\n\nrun ${run.runId}`,
    );
    if (run.onlySteps) tooltip.appendMarkdown(`\n\nsteps: ${run.onlySteps.join(', ')}`);
    if (run.error) tooltip.appendMarkdown(`\n\n${run.error}`);
    for (const warning of run.warnings ?? []) tooltip.appendMarkdown(`\n\n⚠ ${warning}`);
    item.tooltip = tooltip;
    item.contextValue = `run-${run.status}`;
    return item;
  }

  private stepItem(run: RunRecord, step: StepRecord): vscode.TreeItem {
    const item = new vscode.TreeItem(step.id, vscode.TreeItemCollapsibleState.None);
    item.id = `step:${run.runId}:${step.id}`;
    item.iconPath = isPulling(step) ? new vscode.ThemeIcon('cloud-download') : stepStateIcon(step.status);
    item.description = describeStep(step);
    const tooltip = [`${step.id}: ${step.status.replace('_', ' ')}`];
    if (step.reason) tooltip.push(step.reason);
    else if (step.pull && step.status === 'pending') tooltip.push(pullStepLine(step.pull));
    item.tooltip = tooltip.join('\n');
    item.contextValue = `step-${step.status}`;
    item.command = {
      command: 'daggerWorkflows.showStepLogs',
      title: 'Show Logs',
      arguments: [{ kind: 'step', run, step }],
    };
    return item;
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changeEmitter.fire(undefined);
    }, 100);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
