import * as vscode from 'vscode';
import type { WorkflowStepsSource } from '../commands/workflow-code-lenses.js';
import type { RunRecord } from '../views/run-record.js';

/**
 * After a failed run, an error on each failed step's `id:` value naming the reason, in a collection of its own
 * (so the language server's diagnostics are untouched). Cleared when the workflow runs again.
 */
export class FailedStepDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dagger-workflows-run');

  /** `stepsOf` reads the workflow's steps (the language server does, open in an editor or not). */
  constructor(private readonly stepsOf: WorkflowStepsSource) {}

  clear(workflowFile: string): void {
    this.collection.delete(vscode.Uri.file(workflowFile));
  }

  /** Report the failed and timed-out steps of a finished run on their `id:` lines. */
  async report(record: RunRecord): Promise<void> {
    const failed = record.steps.filter((step) => step.status === 'failed' || step.status === 'timed_out');
    if (failed.length === 0) return;
    const uri = vscode.Uri.file(record.workflowFile);
    const steps = await this.stepsOf(uri).catch(() => null);
    if (!steps) return;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const step of failed) {
      const range = steps.steps.find((candidate) => candidate.id === step.id)?.idRange;
      if (!range) continue;
      const { start, end } = range;
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
