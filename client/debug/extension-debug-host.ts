import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DebugHost } from '../../debug-adapter/debug-host.js';
import type { RunController } from '../run/run-controller.js';
import { loadRunner } from '../run/load-runner.js';
import { readRunSettings } from '../run/run-settings.js';
import { openShellTerminal } from './shell-terminal.js';
import { openWorkflowText } from '../language/open-workflow-text.js';

/**
 * The inline adapter's host: runs start through the RunController, so a debugged run shows in the Runs tree and
 * the step output channels like any other; the workflow's text is the editor's, saved or not.
 */
export function extensionDebugHost(context: vscode.ExtensionContext, controller: RunController): DebugHost {
  const engine = () =>
    loadRunner(context.extensionPath).createDockerRuntime({
      dockerHost: readRunSettings(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '').dockerHost,
    });
  return {
    readText: (path) => openWorkflowText(path) ?? readFileSync(path, 'utf8'),
    async startRun(launch, _text, hooks) {
      const record = await controller.start({
        workflowFile: launch.workflow,
        onlySteps: launch.steps?.length ? launch.steps : undefined,
        inputs: launch.inputs,
        debug: { hooks, envFile: launch.envFile, maxParallel: launch.maxParallel },
      });
      const handle = record && controller.handleOf(record.runId);
      if (!handle) throw new Error('The run did not start (see the message).');
      return handle;
    },
    engine,
    // Unused: shells open in a terminal of the extension host itself (openShellTerminal).
    cliCommand: [process.execPath, join(context.extensionPath, 'dist', 'cli.js')],
    openShellTerminal: (containerId, title, banner) =>
      openShellTerminal(engine(), containerId, title, [banner]),
    forwardStepOutput: false,
  };
}
