import * as vscode from 'vscode';
import { codeLoadingTime } from './activation-timer.js';
import { registerWorkflowFileAssociation, LANGUAGE_ID } from './language/workflow-file-association.js';
import { loadLanguageClient } from './language/load-language-client.js';
import { RunStore } from './views/run-store.js';
import { RunTreeProvider } from './views/run-tree-provider.js';
import { StepOutputChannels } from './output/step-output-channels.js';
import { RunSummaryChannel } from './output/run-summary-channel.js';
import { RunStatusBar } from './output/run-status-bar.js';
import { FailedStepDiagnostics } from './output/failed-step-diagnostics.js';
import { PullNotifications } from './output/pull-notification.js';
import { RunController } from './run/run-controller.js';
import { loadRunHistory } from './run/run-history.js';
import { registerRunCommands } from './commands/register-run-commands.js';
import { registerStepCommands } from './commands/register-step-commands.js';
import { registerPreviewPlan } from './commands/preview-plan.js';
import { registerExportCommand } from './commands/export-argo.js';
import { WorkflowCodeLensProvider, type WorkflowStepsSource } from './commands/workflow-code-lenses.js';
import { registerDebugger } from './debug/register-debugger.js';
import { registerGraphCommands } from './graph/register-graph-commands.js';
import { registerNewWorkflowCommand } from './commands/new-workflow.js';
import { registerWalkthrough } from './walkthrough/register-walkthrough.js';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RunRecord } from './views/run-record.js';

/** What activate() returns: read by the integration tests and the benchmark. */
export interface DaggerWorkflowsApi {
  /** Activation time in milliseconds: loading dist/extension.js plus running activate(). */
  activation: { codeLoadingMs: number; activateMs: number; totalMs: number };
  /** Resolves once the language client has started, with the time loading its chunk took. */
  languageClientLoaded: Promise<{ loadMs: number }>;
  /** The runs the tree shows, newest first. */
  runs(): readonly RunRecord[];
  /** Folder the run history is kept in. */
  historyDir: string;
  /** Resolves once the runs kept on disk are in the tree. */
  historyLoaded: Promise<void>;
}

let client: LanguageClient | undefined;

/** Wire the language client, the run commands, the Runs tree and the outputs together. */
export function activate(context: vscode.ExtensionContext): DaggerWorkflowsApi {
  const started = performance.now();
  registerWorkflowFileAssociation(context);
  // The language client (most of the code) starts on the next tick, right after activation returns.
  const languageClient = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    const loaded = loadLanguageClient(context);
    client = loaded.client;
    return loaded;
  });
  const languageClientLoaded = languageClient.then(({ loadMs }) => ({ loadMs }));
  const workflowSteps: WorkflowStepsSource = async (uri) => (await languageClient).workflowSteps(uri);

  const historyDir = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'runs').fsPath;
  const store = new RunStore();
  const tree = new RunTreeProvider(store);
  const outputs = new StepOutputChannels();
  const summary = new RunSummaryChannel();
  const statusBar = new RunStatusBar();
  const failures = new FailedStepDiagnostics(workflowSteps);
  // Its Cancel button cancels the run: the controller exists by the time a pull is shown.
  const pulls = new PullNotifications((runId) => controller.cancel(runId));
  const sinks = { store, outputs, summary, statusBar, failures, pulls };
  const controller = new RunController(context, sinks, historyDir);
  const codeLenses = new WorkflowCodeLensProvider(workflowSteps);
  const refreshHistory = (): Promise<void> => {
    // Live runs keep their in-memory record; the rest come from the history folder.
    for (const record of loadRunHistory(historyDir)) if (!store.find(record.runId)) store.upsert(record);
    return Promise.resolve();
  };

  context.subscriptions.push(
    vscode.window.createTreeView('daggerWorkflows.runs', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider({ language: LANGUAGE_ID }, codeLenses),
    vscode.workspace.onDidCloseTextDocument((document) => codeLenses.forget(document)),
    tree,
    outputs,
    summary,
    statusBar,
    failures,
    pulls,
    controller,
  );
  registerRunCommands(context, controller);
  registerPreviewPlan(context);
  registerStepCommands(context, controller, outputs, summary, historyDir, refreshHistory);
  registerDebugger(context, controller, historyDir);
  registerGraphCommands(
    context,
    store,
    languageClientLoaded.then(() => startedClient()),
  );
  registerExportCommand(context);
  registerNewWorkflowCommand(context);
  registerWalkthrough(context);

  // Reading the history folder is left to the event loop so it never delays activation.
  const historyLoaded = new Promise<void>((resolve) => setImmediate(resolve)).then(refreshHistory);
  const activateMs = performance.now() - started;
  const activation = {
    codeLoadingMs: codeLoadingTime(),
    activateMs,
    totalMs: codeLoadingTime() + activateMs,
  };
  return { activation, languageClientLoaded, runs: () => store.runs, historyDir, historyLoaded };
}

function startedClient(): LanguageClient {
  if (!client) throw new Error('the language client has not started');
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
