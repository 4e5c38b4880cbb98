import * as vscode from 'vscode';

/**
 * The text an editor holds for the workflow file at `path` (unsaved changes included), or undefined when no editor
 * has it open. Only a `file:` document counts: other documents can share the path (a source-control diff, a plan
 * preview) and hold other text.
 */
export function openWorkflowText(path: string): string | undefined {
  return vscode.workspace.textDocuments
    .find((document) => document.uri.scheme === 'file' && document.uri.fsPath === path)
    ?.getText();
}
