import type * as vscode from 'vscode';
import { join } from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkflowSteps } from '../../protocol/workflow-steps-messages.js';

/** dist/language-client.js: starts the client and sends the requests beyond LSP (protocol/*-messages.ts). */
export type LanguageClientModule = typeof import('./language-client-bundle.js');

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
  const module = languageClientModule(context.extensionPath);
  const loadMs = performance.now() - started;
  const client = module.startLanguageClient(context);
  return {
    client,
    loadMs,
    workflowSteps: (uri) => module.requestWorkflowSteps(client, client.code2ProtocolConverter.asUri(uri)),
  };
}

/**
 * The language client's bundle (the same module every time: require caches it). The graph panels send their
 * request through it once the client has started.
 */
export function languageClientModule(extensionPath: string): LanguageClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(extensionPath, 'dist', 'language-client.js')) as LanguageClientModule;
}
