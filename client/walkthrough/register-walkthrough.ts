import * as vscode from 'vscode';

/** The Getting Started walkthrough (package.json `contributes.walkthroughs`), as openWalkthrough names it. */
export const WALKTHROUGH_ID = 'dagger-workflows.dagger-workflows#gettingStarted';
/** The command its "Debug it" step runs; the step shows once the extension contributes it. */
export const DEBUG_COMMAND = 'daggerWorkflows.debugWorkflow';

interface Contributions {
  contributes?: { commands?: { command: string }[] };
}

/**
 * Register Dagger: Get Started (opens the walkthrough), and show the walkthrough's "Debug it" step only when
 * this build of the extension has the debugger (`when: daggerWorkflows.debuggerAvailable`).
 */
export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('daggerWorkflows.openWalkthrough', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
  const manifest = context.extension.packageJSON as Contributions;
  const debuggerAvailable = (manifest.contributes?.commands ?? []).some(
    (command) => command.command === DEBUG_COMMAND,
  );
  void vscode.commands.executeCommand('setContext', 'daggerWorkflows.debuggerAvailable', debuggerAvailable);
}
