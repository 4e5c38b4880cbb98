import * as vscode from 'vscode';
import type { RunController } from '../run/run-controller.js';
import type { RunTreeNode } from '../views/run-tree-provider.js';
import { pickRunsToCancel } from './pick-active-run.js';
import { pickWorkflowFile } from './pick-workflow-file.js';

/** Options a caller (Rerun, tests) may pass to Run Workflow / Run Step instead of being asked. */
interface RunCommandOptions {
  inputs?: Record<string, string>;
}

/**
 * Register Run Workflow, Run Step, Cancel Run and Rerun (for the view title and palette, and for a run's row).
 * Each run command resolves to the run id (or undefined).
 */
export function registerRunCommands(context: vscode.ExtensionContext, controller: RunController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'daggerWorkflows.runWorkflow',
      async (uri?: vscode.Uri, options?: RunCommandOptions) => {
        const workflowFile = await workflowFileOf(uri);
        if (!workflowFile) return undefined;
        return (await controller.start({ workflowFile, inputs: options?.inputs }))?.runId;
      },
    ),
    vscode.commands.registerCommand(
      'daggerWorkflows.runStep',
      async (uri: vscode.Uri | undefined, stepId: string, options?: RunCommandOptions) => {
        const workflowFile = await workflowFileOf(uri);
        if (!workflowFile || !stepId) return undefined;
        return (await controller.start({ workflowFile, onlySteps: [stepId], inputs: options?.inputs }))
          ?.runId;
      },
    ),
    // The Runs view's title buttons and the palette: VS Code hands a title command the focused row (maybe an
    // earlier, finished run), so these take no argument and act on what their titles say.
    vscode.commands.registerCommand('daggerWorkflows.cancelActiveRun', async () => {
      const active = controller.activeRuns;
      if (!active.length) return noActiveRun();
      for (const run of await pickRunsToCancel(active)) controller.cancel(run.runId);
    }),
    vscode.commands.registerCommand(
      'daggerWorkflows.rerunLatest',
      async () => (await controller.rerun(undefined))?.runId,
    ),
    // A run's own row (inline buttons): that run.
    vscode.commands.registerCommand('daggerWorkflows.cancelRun', (node?: RunTreeNode | string) => {
      const runId = typeof node === 'string' ? node : node?.run.runId;
      if (!controller.cancel(runId)) noActiveRun();
    }),
    vscode.commands.registerCommand(
      'daggerWorkflows.rerun',
      async (node?: RunTreeNode) => (await controller.rerun(node?.run))?.runId,
    ),
    vscode.commands.registerCommand('daggerWorkflows.rerunStep', async (node?: RunTreeNode) => {
      if (node?.kind !== 'step') return undefined;
      return (await controller.rerun(node.run, [node.step.id]))?.runId;
    }),
  );
}

function noActiveRun(): void {
  void vscode.window.showInformationMessage('Dagger Workflows: no run is active.');
}

/** The workflow a command is about: its argument, else the open (or picked) workflow. */
async function workflowFileOf(uri: vscode.Uri | undefined): Promise<string | undefined> {
  return uri instanceof vscode.Uri ? uri.fsPath : pickWorkflowFile();
}
