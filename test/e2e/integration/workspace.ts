import * as vscode from 'vscode';
import type { DaggerWorkflowsApi } from '../../../client/extension.js';
import { waitFor } from './suite.js';

export const EXTENSION_ID = 'dagger-workflows.dagger-workflows';

/** The opened test workspace folder. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return folder.uri;
}

export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

/** Open a workspace file in an editor. */
export async function openWorkspaceFile(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The extension's API, once it has activated. */
export async function extensionApi(): Promise<DaggerWorkflowsApi> {
  const extension = vscode.extensions.getExtension<DaggerWorkflowsApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return waitFor('the extension to activate', () => (extension.isActive ? extension.exports : undefined));
}

/** The language id a workspace file gets once opened (waits for a reassignment by the extension). */
export async function languageOf(name: string, expected: string): Promise<string> {
  await openWorkspaceFile(name);
  return waitFor(`${name} to get the language ${expected}`, () => {
    const document = vscode.workspace.textDocuments.find(
      (doc) => doc.uri.toString() === workspaceFile(name).toString(),
    );
    return document?.languageId === expected ? document.languageId : undefined;
  });
}
