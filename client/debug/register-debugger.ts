import * as vscode from 'vscode';
import type { RunController } from '../run/run-controller.js';
import type { RunTreeNode } from '../views/run-tree-provider.js';
import { UNTRUSTED_MESSAGE } from '../run/run-controller.js';
import { DEBUG_TYPE, launchOf, WorkflowDebugConfigurationProvider } from './debug-configuration-provider.js';
import { extensionDebugHost } from './extension-debug-host.js';
import { loadDebugger } from './load-debugger.js';
import { loadRunner } from '../run/load-runner.js';
import { readRunSettings } from '../run/run-settings.js';
import { openShellTerminal } from './shell-terminal.js';
import { commandWorkflowFile } from '../language/command-workflow-file.js';

/**
 * The `dagger-workflow` debugger: configuration provider (F5 without launch.json), the inline adapter (loaded on
 * the first session), Debug Workflow / Debug Step, Rerun and Debug, and Open Shell in a failed step's container.
 */
export function registerDebugger(
  context: vscode.ExtensionContext,
  controller: RunController,
  historyDir: string,
): void {
  const provider = new WorkflowDebugConfigurationProvider();
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, provider),
    vscode.debug.registerDebugConfigurationProvider(
      DEBUG_TYPE,
      provider,
      vscode.DebugConfigurationProviderTriggerKind.Dynamic,
    ),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
      createDebugAdapterDescriptor: () => {
        const { WorkflowDebugSession } = loadDebugger(context.extensionPath);
        return new vscode.DebugAdapterInlineImplementation(
          new WorkflowDebugSession(extensionDebugHost(context, controller)),
        );
      },
    }),
    vscode.commands.registerCommand('daggerWorkflows.debugWorkflow', (uri?: vscode.Uri) => {
      const workflow = commandWorkflowFile(uri, 'to debug it');
      return workflow ? vscode.debug.startDebugging(folderOf(workflow), launchOf(workflow)) : false;
    }),
    vscode.commands.registerCommand(
      'daggerWorkflows.debugStep',
      (uri: vscode.Uri | undefined, stepId: string) => {
        const workflow = commandWorkflowFile(uri, 'to debug it');
        if (!workflow || !stepId) return false;
        const launch = launchOf(workflow, {
          name: `Debug step ${stepId}`,
          steps: [stepId],
          pauseBefore: stepId,
        });
        return vscode.debug.startDebugging(folderOf(workflow), launch);
      },
    ),
    vscode.commands.registerCommand('daggerWorkflows.rerunAndDebug', (node?: RunTreeNode) => {
      if (!node) return false;
      const { run } = node;
      const inputs = controller.inputsOf(run.runId);
      const launch = launchOf(run.workflowFile, {
        name: `Rerun and debug ${run.workflowName}`,
        ...(run.onlySteps ? { steps: run.onlySteps } : {}),
        ...(inputs ? { inputs } : {}),
      });
      return vscode.debug.startDebugging(folderOf(run.workflowFile), launch);
    }),
    vscode.commands.registerCommand(
      'daggerWorkflows.openStepShell',
      (node?: RunTreeNode | { frameId?: number }) =>
        node && 'kind' in node
          ? openShellFromTree(context, node, historyDir)
          : openShellFromDebugger(node?.frameId),
    ),
  );
}

/** A terminal in a failed step's kept filesystem (what `dagger-wf shell RUN_ID STEP` opens). */
async function openShellFromTree(
  context: vscode.ExtensionContext,
  node: RunTreeNode,
  historyDir: string,
): Promise<void> {
  if (node.kind !== 'step') return;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(UNTRUSTED_MESSAGE.replace('running a workflow', 'opening a shell'));
    return;
  }
  const runner = loadRunner(context.extensionPath);
  const engine = runner.createDockerRuntime({
    dockerHost: readRunSettings(node.run.workflowFile).dockerHost,
  });
  try {
    const shell = await runner.createKeptShell(engine, historyDir, node.run.runId, node.step.id, true);
    if (!shell.ok) {
      void vscode.window.showErrorMessage(`Dagger Workflows: ${shell.message}`);
      return;
    }
    openShellTerminal(engine, shell.containerId, `Shell: ${node.step.id}`, shell.notes);
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Dagger Workflows: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Ask the active debug session for a shell in the selected (or paused) step's container. */
async function openShellFromDebugger(frameId: number | undefined): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (session?.type !== DEBUG_TYPE) {
    void vscode.window.showInformationMessage(
      'Dagger Workflows: pause a workflow in the debugger to open a shell in a step.',
    );
    return;
  }
  const item = vscode.debug.activeStackItem;
  const frame = frameId ?? (item instanceof vscode.DebugStackFrame ? item.frameId : undefined);
  try {
    await session.customRequest('openShell', { frameId: frame });
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Dagger Workflows: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function folderOf(path: string): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path));
}
