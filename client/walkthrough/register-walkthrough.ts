import * as vscode from 'vscode';
import { WALKTHROUGH_ID } from './walkthrough-id.js';

/** Register Dagger: Get Started, which opens the walkthrough (also linked from the empty Runs view). */
export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('daggerWorkflows.openWalkthrough', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
}
