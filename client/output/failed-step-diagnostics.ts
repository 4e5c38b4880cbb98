import * as vscode from 'vscode';
import { workflowTools } from '../workflow-tools/load-workflow-tools.js';
import type { RunRecord } from '../views/run-record.js';

/**
 * After a failed run, an error on each failed step's `id:` value naming the reason, in a collection of its own
 * (so the language server's diagnostics are untouched). Cleared when the workflow runs again.
 */
export class FailedStepDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dagger-workflows-run');

  clear(workflowFile: string): void {
    this.collection.delete(vscode.Uri.file(workflowFile));
  }

  /** Report the failed and timed-out steps of a finished run on their `id:` lines. */
  async report(record: RunRecord): Promise<void> {
    const failed = record.steps.filter((step) => step.status === 'failed' || step.status === 'timed_out');
    if (failed.length === 0) return;
    const uri = vscode.Uri.file(record.workflowFile);
    const text = await readText(uri);
    if (text === undefined) return;
    const workflow = workflowTools().parseWorkflow(text);
    const diagnostics: vscode.Diagnostic[] = [];
    for (const step of failed) {
      const id = workflow.steps.find((candidate) => candidate.id?.value === step.id)?.id;
      if (!id) continue;
      const start = workflow.source.positionAt(id.span.start);
      const end = workflow.source.positionAt(id.span.end);
      const what = step.status === 'timed_out' ? 'timed out' : 'failed';
      const message = `step "${step.id}" ${what} in the last run: ${step.reason ?? `exit code ${step.exitCode ?? '?'}`}`;
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(start.line, start.character, end.line, end.character),
        message,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'dagger run';
      diagnostics.push(diagnostic);
    }
    this.collection.set(uri, diagnostics);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
