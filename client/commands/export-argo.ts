import * as vscode from 'vscode';
import { relative } from 'node:path';
import { readRunSettings } from '../run/run-settings.js';
import { workflowTools } from '../workflow-tools/load-workflow-tools.js';
import { openWorkflowText } from '../language/open-workflow-text.js';
import { commandWorkflowFile } from '../language/command-workflow-file.js';

const CLAIMS_KEY = 'daggerWorkflows.argoVolumeClaims';
const CLAIM_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Options a caller (the tests) may pass instead of being asked: a claim per volume source ('' for hostPath). */
interface ExportCommandOptions {
  volumeClaims?: Record<string, string>;
}

/** What the command resolves to: the untitled document holding the manifest, or the one-line error shown. */
type ExportOutcome = { document: string } | { error: string } | undefined;

/**
 * "Export to Argo Workflows": the manifest `dagger-wf export argo` writes, opened in a new untitled YAML editor
 * (nothing is saved). A volume source needs a PersistentVolumeClaim on the cluster, so the command asks for one
 * per source (empty: the node's path), remembering the answers per workflow. A workflow that cannot be exported
 * shows the CLI's one-line error.
 */
export function registerExportCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'daggerWorkflows.exportArgo',
      async (uri?: vscode.Uri, options?: ExportCommandOptions): Promise<ExportOutcome> => {
        const workflowFile = commandWorkflowFile(uri, 'to export it');
        if (!workflowFile) return undefined;
        const text = openWorkflowText(workflowFile);
        const settings = readRunSettings(workflowFile);
        const tools = workflowTools();
        const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(workflowFile))?.uri.fsPath;
        const shownFile = folder ? relative(folder, workflowFile) : workflowFile;
        const source = { workflowFile, text, envFile: settings.envFile, hostEnv: process.env };
        try {
          const claims =
            options?.volumeClaims ??
            (await askForClaims(tools.exportVolumeSources(source), workflowFile, context.workspaceState));
          if (!claims) return undefined;
          const exported = tools.exportArgo({
            ...source,
            defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
            volumeClaims: Object.entries(claims)
              .filter(([, claim]) => claim !== '')
              .map(([from, claim]) => ({ source: from, claim })),
            allowHostPath: Object.values(claims).some((claim) => claim === ''),
          });
          const manifest = await vscode.workspace.openTextDocument({
            language: 'yaml',
            content: exported.yaml,
          });
          await vscode.window.showTextDocument(manifest, { preview: false });
          return { document: manifest.uri.toString() };
        } catch (error) {
          const message =
            tools.exportFailureMessage(error, shownFile) ??
            `internal error: ${error instanceof Error ? error.message : String(error)}`;
          void vscode.window.showErrorMessage(`Dagger Workflows: ${message}`);
          return { error: message };
        }
      },
    ),
  );
}

/** A claim name per volume source, asked one by one; undefined when the user cancels. */
async function askForClaims(
  sources: readonly string[],
  workflowFile: string,
  state: vscode.Memento,
): Promise<Record<string, string> | undefined> {
  const remembered = state.get<Record<string, Record<string, string>>>(CLAIMS_KEY, {});
  const last = remembered[workflowFile] ?? {};
  const claims: Record<string, string> = {};
  for (const [index, source] of sources.entries()) {
    const claim = await vscode.window.showInputBox({
      title: `Argo volume ${index + 1}/${sources.length}: ${source}`,
      prompt: `The PersistentVolumeClaim to mount where the workflow mounts ${source} (empty: that path on the node, hostPath)`,
      value: last[source] ?? '',
      ignoreFocusOut: true,
      validateInput: (text) =>
        text === '' || CLAIM_NAME.test(text) ? undefined : 'lowercase letters, digits, "-" and "."',
    });
    if (claim === undefined) return undefined;
    claims[source] = claim;
  }
  if (sources.length) await state.update(CLAIMS_KEY, { ...remembered, [workflowFile]: claims });
  return claims;
}
