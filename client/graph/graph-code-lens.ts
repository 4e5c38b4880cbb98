import * as vscode from 'vscode';

/** The top-level `steps:` key, found on its line (no YAML parse: the lens only needs the line). */
const STEPS_KEY = /^steps\s*:/;

/** A "Show Graph" CodeLens on the `steps:` line, beside Run Workflow. */
export class GraphCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    for (let line = 0; line < document.lineCount; line++) {
      if (!STEPS_KEY.test(document.lineAt(line).text)) continue;
      return [
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: '$(type-hierarchy) Show Graph',
          tooltip: 'Show the graph of this workflow beside the editor',
          command: 'daggerWorkflows.showGraph',
          arguments: [document.uri],
        }),
      ];
    }
    return [];
  }
}
