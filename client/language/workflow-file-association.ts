import * as vscode from 'vscode';

export const LANGUAGE_ID = 'dagger-workflow';
const FIRST_LINE = /^#\s*dagger-workflow\b/;

/**
 * Gives the `dagger-workflow` language to files that package.json's static patterns cannot catch:
 * globs from the `daggerWorkflows.files` setting, and `.yaml` files whose first line is `# dagger-workflow`
 * (VS Code matches a file's extension before its first line, so the `firstLine` contribution alone loses
 * to the YAML extension there).
 */
export function registerWorkflowFileAssociation(context: vscode.ExtensionContext): void {
  const adopt = (document: vscode.TextDocument): void => {
    if (document.languageId === LANGUAGE_ID || document.uri.scheme === 'output') return;
    if (isWorkflowByFirstLine(document) || matchesFileSetting(document)) {
      void vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    }
  };
  vscode.workspace.textDocuments.forEach(adopt);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(adopt),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('daggerWorkflows.files')) vscode.workspace.textDocuments.forEach(adopt);
    }),
  );
}

function isWorkflowByFirstLine(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && document.lineCount > 0 && FIRST_LINE.test(document.lineAt(0).text);
}

function matchesFileSetting(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file') return false;
  const globs = vscode.workspace.getConfiguration('daggerWorkflows', document.uri).get<string[]>('files', []);
  if (globs.length === 0) return false;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return globs.some((glob) => {
    // A relative glob is read against the file's workspace folder; `**/…` and absolute globs as they are.
    const pattern =
      folder && !glob.startsWith('**') && !glob.startsWith('/')
        ? new vscode.RelativePattern(folder, glob)
        : glob;
    return vscode.languages.match({ pattern }, document) > 0;
  });
}
