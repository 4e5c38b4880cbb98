import type * as vscode from 'vscode';
import { join } from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';

type LanguageClientModule = typeof import('./language-client-bundle.js');

/**
 * Load dist/language-client.js and start the language server. A plain require of a computed path keeps esbuild
 * from bundling vscode-languageclient into dist/extension.js. Returns the client and how long loading took.
 */
export function loadLanguageClient(context: vscode.ExtensionContext): {
  client: LanguageClient;
  loadMs: number;
} {
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(context.extensionPath, 'dist', 'language-client.js')) as LanguageClientModule;
  const loadMs = performance.now() - started;
  return { client: module.startLanguageClient(context), loadMs };
}
