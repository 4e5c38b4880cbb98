import * as vscode from 'vscode';
import type { RunController } from '../run/run-controller.js';
import type { RunTreeNode } from '../views/run-tree-provider.js';
import { LANGUAGE_ID } from '../language/workflow-file-association.js';

/** Options a caller (Rerun, tests) may pass to Run Workflow / Run Step instead of being asked. */
interface RunCommandOptions {
  inputs?: Record<string, string>;
}

/** Register Run Workflow, Run Step, Cancel Run, Rerun and Rerun Failed Steps. Each run command resolves to the run id (or undefined). */
export function registerRunCommands(context: vscode.ExtensionContext, controller: RunController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'daggerWorkflows.runWorkflow',
      async (uri?: vscode.Uri, options?: RunCommandOptions) => {
        const workflowFile = workflowFileOf(uri);
        if (!workflowFile) return undefined;
        return (await controller.start({ workflowFile, inputs: options?.inputs }))?.runId;
      },
    ),
    vscode.commands.registerCommand(
      'daggerWorkflows.runStep',
      async (uri: vscode.Uri | undefined, stepId: string, options?: RunCommandOptions) => {
        const workflowFile = workflowFileOf(uri);
        if (!workflowFile || !stepId) return undefined;
        return (await controller.start({ workflowFile, onlySteps: [stepId], inputs: options?.inputs }))
          ?.runId;
      },
    ),
    vscode.commands.registerCommand('daggerWorkflows.cancelRun', (node?: RunTreeNode | string) => {
      const runId = typeof node === 'string' ? node : node?.run.runId;
      if (!controller.cancel(runId))
        void vscode.window.showInformationMessage('Dagger Workflows: no run is active.');
    }),
    vscode.commands.registerCommand(
      'daggerWorkflows.rerun',
      async (node?: RunTreeNode) => (await controller.rerun(node?.run))?.runId,
    ),
    vscode.commands.registerCommand(
      'daggerWorkflows.rerunFailed',
      async (node?: RunTreeNode) => (await controller.rerunFailed(node?.run))?.runId,
    ),
    vscode.commands.registerCommand('daggerWorkflows.rerunStep', async (node?: RunTreeNode) => {
      if (node?.kind !== 'step') return undefined;
      return (await controller.rerun(node.run, [node.step.id]))?.runId;
    }),
  );
}

/** The workflow a command is about: its argument, else the active editor's file when it is a workflow. */
function workflowFileOf(uri: vscode.Uri | undefined): string | undefined {
  if (uri instanceof vscode.Uri) return uri.fsPath;
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === LANGUAGE_ID && document.uri.scheme === 'file') return document.uri.fsPath;
  void vscode.window.showWarningMessage('Dagger Workflows: open a workflow file (*.dagger.yaml) to run it.');
  return undefined;
}
