import * as vscode from 'vscode';

/** The Getting Started walkthrough (package.json `contributes.walkthroughs`), as openWalkthrough names it. */
export const WALKTHROUGH_ID = 'dagger-workflows.dagger-workflows#gettingStarted';

/** Register Dagger: Get Started, which opens the walkthrough (also linked from the empty Runs view). */
export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('daggerWorkflows.openWalkthrough', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
}
