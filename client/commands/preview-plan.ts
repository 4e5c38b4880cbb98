import * as vscode from 'vscode';
import { basename } from 'node:path';
import { defaultCacheDir } from '../../core/cache/default-cache-dir.js';
import { planLines } from '../../core/plan/plan-lines.js';
import { loadRunner } from '../run/load-runner.js';
import { readRunSettings } from '../run/run-settings.js';
import { openWorkflowText } from '../language/open-workflow-text.js';
import { commandWorkflowFile } from '../language/command-workflow-file.js';

/** The scheme of plan documents: read-only, their text made by PlanDocuments. */
export const PLAN_SCHEME = 'dagger-wf-plan';

/** The plan document of a workflow file: its path in the query, its name for the editor tab. */
export function planUri(workflowFile: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: PLAN_SCHEME,
    path: `/${basename(workflowFile)} (plan)`,
    query: workflowFile,
  });
}

/**
 * "Preview Plan": what a run of the workflow would do, as `dagger-wf plan` prints it (stages, resolved values with
 * secrets masked, cache verdicts), in a read-only document. It starts no container, so it works in an untrusted
 * workspace too; opening it again plans anew (the editor's text when unsaved).
 */
export class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly extensionPath: string) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const workflowFile = uri.query;
    const text = openWorkflowText(workflowFile);
    const settings = readRunSettings(workflowFile);
    try {
      const runner = loadRunner(this.extensionPath);
      let runtime: ReturnType<typeof runner.createDockerRuntime> | undefined;
      try {
        runtime = runner.createDockerRuntime({ dockerHost: settings.dockerHost });
      } catch {
        runtime = undefined; // No engine: cached steps then say their image cannot be digested.
      }
      const plan = await runner.planRun({
        workflowFile,
        ...(text === undefined ? {} : { text }),
        inputs: {},
        envFile: settings.envFile,
        hostEnv: process.env,
        store: new runner.CacheStore(defaultCacheDir()),
        imageDigest: (image) => runtime?.imageId(image) ?? Promise.resolve(undefined),
        defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
        inputHint: (name) => `Run Workflow asks for "${name}"`,
      });
      return `${planLines(plan).join('\n')}\n`;
    } catch (error) {
      return `cannot plan ${workflowFile}:\n${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  /** Open (or refresh) the plan of a workflow file beside its editor. */
  async show(workflowFile: string): Promise<vscode.TextDocument> {
    const uri = planUri(workflowFile);
    this.changeEmitter.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return document;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** Register the plan documents and the Preview Plan command (its argument, else the active workflow). */
export function registerPreviewPlan(context: vscode.ExtensionContext): void {
  const documents = new PlanDocuments(context.extensionPath);
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, documents),
    vscode.commands.registerCommand('daggerWorkflows.previewPlan', async (uri?: vscode.Uri) => {
      const workflowFile = commandWorkflowFile(uri, 'to plan it');
      if (!workflowFile) return undefined;
      return (await documents.show(workflowFile)).uri.toString();
    }),
  );
}
