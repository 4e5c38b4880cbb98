import * as vscode from 'vscode';
import { LANGUAGE_ID } from './workflow-file-association.js';

/**
 * The workflow file a command is about: its argument, else the active editor's file when it is a workflow on disk.
 * Undefined, with a warning that names what the command would have done (`to export it`), when there is none.
 */
export function commandWorkflowFile(uri: unknown, purpose: string): string | undefined {
  if (uri instanceof vscode.Uri) return uri.fsPath;
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === LANGUAGE_ID && document.uri.scheme === 'file') return document.uri.fsPath;
  void vscode.window.showWarningMessage(`Dagger Workflows: open a workflow file (*.dagger.yaml) ${purpose}.`);
  return undefined;
}
