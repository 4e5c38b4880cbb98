import * as vscode from 'vscode';
import { workflowTools } from '../workflow-tools/load-workflow-tools.js';

/**
 * CodeLenses: "Run Workflow" and "Debug Workflow" above `steps:`, "Run Step" and "Debug Step" above each step (the
 * step with its dependencies).
 */
export class WorkflowCodeLensProvider implements vscode.CodeLensProvider {
  /** The lenses of the last version seen per document: VS Code asks again on scroll and focus, not only on edits. */
  private readonly cache = new Map<string, { version: number; lenses: vscode.CodeLens[] }>();

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.lenses;
    const lenses = this.computeLenses(document);
    this.cache.set(key, { version: document.version, lenses });
    return lenses;
  }

  /** Forget a closed document. */
  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  private computeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const workflow = workflowTools().parseWorkflow(document.getText());
    const lenses: vscode.CodeLens[] = [];
    const at = (offset: number): vscode.Range => {
      const position = document.positionAt(offset);
      return new vscode.Range(position, position);
    };
    if (workflow.stepsKeySpan) {
      lenses.push(
        new vscode.CodeLens(at(workflow.stepsKeySpan.start), {
          title: '$(play) Run Workflow',
          command: 'daggerWorkflows.runWorkflow',
          arguments: [document.uri],
        }),
        new vscode.CodeLens(at(workflow.stepsKeySpan.start), {
          title: '$(debug-alt) Debug Workflow',
          command: 'daggerWorkflows.debugWorkflow',
          arguments: [document.uri],
        }),
      );
    }
    for (const step of workflow.steps) {
      const id = step.id?.value;
      if (!id) continue;
      lenses.push(
        new vscode.CodeLens(at(step.span.start), {
          title: '$(debug-start) Run Step',
          tooltip: `Run "${id}" with the steps it depends on`,
          command: 'daggerWorkflows.runStep',
          arguments: [document.uri, id],
        }),
        new vscode.CodeLens(at(step.span.start), {
          title: '$(debug-alt) Debug Step',
          tooltip: `Debug "${id}": run what it depends on, then pause before it starts`,
          command: 'daggerWorkflows.debugStep',
          arguments: [document.uri, id],
        }),
      );
    }
    return lenses;
  }
}
