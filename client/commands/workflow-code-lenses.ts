import * as vscode from 'vscode';
import type { WorkflowSteps } from '../../protocol/workflow-steps-messages.js';

/** The steps of a workflow document, as the language server reads them (`daggerWorkflows/steps`). */
export type WorkflowStepsSource = (uri: vscode.Uri) => Promise<WorkflowSteps | null>;

/**
 * CodeLenses: "Run Workflow", "Debug Workflow" and "Show Graph" above `steps:`, "Run Step" and "Debug Step" above each
 * step (the step with its dependencies). The language server reads the document (it has it already, edit by edit); nothing is
 * parsed in the extension host.
 */
export class WorkflowCodeLensProvider implements vscode.CodeLensProvider {
  /** The lenses of the last version seen per document: VS Code asks again on scroll and focus, not only on edits. */
  private readonly cache = new Map<string, { version: number; lenses: vscode.CodeLens[] }>();

  constructor(private readonly stepsOf: WorkflowStepsSource) {}

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.lenses;
    let steps: WorkflowSteps | null;
    try {
      steps = await this.stepsOf(document.uri);
    } catch {
      // The server is restarting or gone: no lenses now; VS Code asks again on the next edit.
      return [];
    }
    if (!steps || token.isCancellationRequested) return [];
    const lenses = lensesOf(document.uri, steps);
    if (steps.version === document.version) this.cache.set(key, { version: document.version, lenses });
    return lenses;
  }

  /** Forget a closed document. */
  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}

function lensesOf(uri: vscode.Uri, steps: WorkflowSteps): vscode.CodeLens[] {
  const at = ({ line, character }: { line: number; character: number }): vscode.Range =>
    new vscode.Range(line, character, line, character);
  const lenses: vscode.CodeLens[] = [];
  if (steps.stepsKeyRange) {
    const start = at(steps.stepsKeyRange.start);
    lenses.push(
      new vscode.CodeLens(start, {
        title: '$(play) Run Workflow',
        command: 'daggerWorkflows.runWorkflow',
        arguments: [uri],
      }),
      new vscode.CodeLens(start, {
        title: '$(debug-alt) Debug Workflow',
        command: 'daggerWorkflows.debugWorkflow',
        arguments: [uri],
      }),
      new vscode.CodeLens(start, {
        title: '$(type-hierarchy) Show Graph',
        tooltip: 'Show the graph of this workflow beside the editor',
        command: 'daggerWorkflows.showGraph',
        arguments: [uri],
      }),
    );
  }
  for (const step of steps.steps) {
    if (!step.id) continue;
    const start = at(step.range.start);
    lenses.push(
      new vscode.CodeLens(start, {
        title: '$(debug-start) Run Step',
        tooltip: `Run "${step.id}" with the steps it depends on`,
        command: 'daggerWorkflows.runStep',
        arguments: [uri, step.id],
      }),
      new vscode.CodeLens(start, {
        title: '$(debug-alt) Debug Step',
        tooltip: `Debug "${step.id}": run what it depends on, then pause before it starts`,
        command: 'daggerWorkflows.debugStep',
        arguments: [uri, step.id],
      }),
    );
  }
  return lenses;
}
