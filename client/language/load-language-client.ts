import type * as vscode from 'vscode';
import { join } from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkflowSteps } from '../../protocol/custom-messages.js';

type LanguageClientModule = typeof import('./language-client-bundle.js');

/** The started language client, how long loading its bundle took, and the custom requests it sends. */
export interface LoadedLanguageClient {
  client: LanguageClient;
  loadMs: number;
  /** `daggerWorkflows/steps` for a document URI. */
  workflowSteps(uri: vscode.Uri): Promise<WorkflowSteps | null>;
}

/**
 * Load dist/language-client.js and start the language server. A plain require of a computed path keeps esbuild
 * from bundling vscode-languageclient (and the protocol's message types) into dist/extension.js.
 */
export function loadLanguageClient(context: vscode.ExtensionContext): LoadedLanguageClient {
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(context.extensionPath, 'dist', 'language-client.js')) as LanguageClientModule;
  const loadMs = performance.now() - started;
  const client = module.startLanguageClient(context);
  return {
    client,
    loadMs,
    workflowSteps: (uri) => module.requestWorkflowSteps(client, uri.toString()),
  };
}
