import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../language/workflow-file-association.js';

const WORKFLOW_GLOB = '**/{*.dagger.yaml,*.dagger.yml,dagger/workflows/*.yaml,dagger/workflows/*.yml}';

/**
 * The workflow a command is about when it was given none: the active editor's, else the one workflow open in
 * a visible editor (a command run from the walkthrough or a view has no active text editor), else the one the
 * user picks among the workspace's workflow files. Undefined, with a message, when there is none.
 */
export async function pickWorkflowFile(): Promise<string | undefined> {
  const isWorkflow = (document: vscode.TextDocument) =>
    document.languageId === LANGUAGE_ID && document.uri.scheme === 'file';
  const active = vscode.window.activeTextEditor?.document;
  if (active && isWorkflow(active)) return active.uri.fsPath;
  const visible = [...new Set(vscode.window.visibleTextEditors.map((editor) => editor.document))].filter(
    isWorkflow,
  );
  if (visible.length === 1) return visible[0]?.uri.fsPath;
  const files = await vscode.workspace.findFiles(WORKFLOW_GLOB, '**/node_modules/**', 200);
  if (files.length === 0) {
    const create = 'New Workflow';
    void vscode.window
      .showWarningMessage('Dagger Workflows: no workflow file (*.dagger.yaml) to run here yet.', create)
      .then((choice) => {
        if (choice === create) void vscode.commands.executeCommand('daggerWorkflows.newWorkflow');
      });
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    // Kept open when focus moves: run from the walkthrough, the command ticks its step off and the walkthrough
    // moves on to the next one, taking focus from the pick just shown.
    { title: 'Run Workflow', placeHolder: 'The workflow to run', ignoreFocusOut: true },
  );
  return picked?.uri.fsPath;
}
