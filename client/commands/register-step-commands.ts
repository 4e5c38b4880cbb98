import * as vscode from 'vscode';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { loadEnvFile } from '../../core/interpolate/load-env-file.js';
import type { RunController } from '../run/run-controller.js';
import type { RunTreeNode } from '../views/run-tree-provider.js';
import type { StepOutputChannels } from '../output/step-output-channels.js';
import type { RunSummaryChannel } from '../output/run-summary-channel.js';
import { readStepLog } from '../run/run-history.js';
import { readRunSettings } from '../run/run-settings.js';
import { workflowTools } from '../workflow-tools/load-workflow-tools.js';

/** Register the tree's step and run commands: show logs, copy `docker run`, show the run summary, refresh. */
export function registerStepCommands(
  context: vscode.ExtensionContext,
  controller: RunController,
  outputs: StepOutputChannels,
  summary: RunSummaryChannel,
  historyDir: string,
  refreshHistory: () => Promise<void>,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('daggerWorkflows.showStepLogs', (node?: RunTreeNode) => {
      if (node?.kind !== 'step') return;
      const { run, step } = node;
      if (outputs.holds(run.runId, run.workflowName, step.id)) outputs.show(run.workflowName, step.id);
      else
        outputs.showStored(run.runId, run.workflowName, step.id, readStepLog(historyDir, run.runId, step.id));
    }),
    vscode.commands.registerCommand('daggerWorkflows.copyDockerRunCommand', async (node?: RunTreeNode) => {
      if (node?.kind !== 'step') return undefined;
      const text = await copyableDockerRun(node, controller.inputsOf(node.run.runId));
      if (text === undefined) return undefined;
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(`Copied the docker run command of "${node.step.id}".`);
      return text;
    }),
    vscode.commands.registerCommand('daggerWorkflows.showRunSummary', (node?: RunTreeNode) => {
      if (node) summary.writeTable(node.run);
      summary.channel.show(true);
    }),
    vscode.commands.registerCommand('daggerWorkflows.refreshRuns', refreshHistory),
  );
}

/**
 * The shell-quoted `docker run` of a step. Secret inputs and `.env` values (which the runner masks) are left
 * as `${…}` so the clipboard never holds a secret.
 */
async function copyableDockerRun(
  node: RunTreeNode & { kind: 'step' },
  inputs: Record<string, string> | undefined,
) {
  const file = node.run.workflowFile;
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
  } catch {
    void vscode.window.showErrorMessage(`Dagger Workflows: cannot read ${file}`);
    return undefined;
  }
  const { parseWorkflow, dockerRunArgv, shellQuote } = workflowTools();
  const workflow = parseWorkflow(text);
  const secretInputs = new Set(
    (workflow.inputs ?? []).filter((i) => i.secret?.value).map((i) => i.name.value),
  );
  const envFile = readRunSettings(file).envFile ?? join(dirname(file), '.env');
  const masked = existsSync(envFile) ? Object.keys(loadEnvFile(envFile).variables) : [];
  const env = { ...process.env };
  for (const name of masked) delete env[name];
  const publicInputs = Object.fromEntries(
    Object.entries(inputs ?? {}).filter(([name]) => !secretInputs.has(name)),
  );
  try {
    return shellQuote(
      dockerRunArgv(workflow, node.step.id, dirname(file), { env, inputs: publicInputs, stepOutputs: {} }),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Dagger Workflows: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}
