import * as vscode from 'vscode';
import type { RunStatus, StepStatus } from '../../core/model/run-state.js';

/** A codicon per step state; `sync~spin` spins while the step runs. */
export function stepStateIcon(status: StepStatus): vscode.ThemeIcon {
  switch (status) {
    case 'pending':
      return new vscode.ThemeIcon('circle-outline');
    case 'running':
      return new vscode.ThemeIcon('sync~spin');
    case 'succeeded':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'timed_out':
      return new vscode.ThemeIcon('watch', new vscode.ThemeColor('testing.iconFailed'));
    case 'skipped':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    case 'cancelled':
      return new vscode.ThemeIcon('stop-circle', new vscode.ThemeColor('disabledForeground'));
  }
}

/** A codicon per run state: the same as a step in that state. */
export function runStateIcon(status: RunStatus): vscode.ThemeIcon {
  return stepStateIcon(status);
}
