import * as vscode from 'vscode';
import { basename } from 'node:path';
import { LANGUAGE_ID } from '../language/workflow-file-association.js';
import { UNTRUSTED_MESSAGE } from '../run/run-controller.js';

export const DEBUG_TYPE = 'dagger-workflow';

/**
 * F5 with no launch.json debugs the workflow in the active editor; a configuration without `workflow` takes it
 * too. In Restricted Mode debugging is refused (it starts containers), as running is.
 */
export class WorkflowDebugConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return vscode.workspace.textDocuments
      .filter((document) => document.languageId === LANGUAGE_ID && document.uri.scheme === 'file')
      .map((document) => launchOf(document.uri.fsPath));
  }

  resolveDebugConfiguration(
    _folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): vscode.DebugConfiguration | undefined {
    if (!vscode.workspace.isTrusted) {
      void vscode.window
        .showErrorMessage(
          UNTRUSTED_MESSAGE.replace('running a workflow', 'debugging a workflow'),
          'Manage Workspace Trust',
        )
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
        });
      return undefined;
    }
    const active = vscode.window.activeTextEditor?.document;
    const activeWorkflow =
      active?.languageId === LANGUAGE_ID && active.uri.scheme === 'file' ? active.uri.fsPath : undefined;
    if (!config.type && !config.request && !config.name) {
      if (!activeWorkflow) {
        void vscode.window.showWarningMessage(
          'Dagger Workflows: open a workflow file (*.dagger.yaml) to debug it.',
        );
        return undefined;
      }
      return launchOf(activeWorkflow);
    }
    if (!config.workflow) {
      if (!activeWorkflow) {
        void vscode.window.showWarningMessage(
          'Dagger Workflows: set "workflow" in the launch configuration, or open a workflow file.',
        );
        return undefined;
      }
      config.workflow = activeWorkflow;
    }
    return config;
  }
}

/** The launch configuration that debugs one workflow file. */
export function launchOf(workflow: string, extra: Record<string, unknown> = {}): vscode.DebugConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: `Debug ${basename(workflow)}`, workflow, ...extra };
}
