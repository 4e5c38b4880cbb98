import * as vscode from 'vscode';
import type { RunStatus, StepStatus } from '../../core/model/run-state.js';
import { STEP_STATE_LOOKS } from './state-looks.js';

/** A codicon per step state; `sync~spin` spins while the step runs. */
export function stepStateIcon(status: StepStatus): vscode.ThemeIcon {
  const look = STEP_STATE_LOOKS[status];
  return new vscode.ThemeIcon(look.codicon, look.color ? new vscode.ThemeColor(look.color) : undefined);
}

/** A codicon per run state: the same as a step in that state. */
export function runStateIcon(status: RunStatus): vscode.ThemeIcon {
  return stepStateIcon(status);
}
