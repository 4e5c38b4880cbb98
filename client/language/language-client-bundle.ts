// Entry of dist/language-client.js: vscode-languageclient is most of the extension's code, so it loads on the
// tick after activate() returns (load-language-client.ts) and activation stays fast.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './workflow-file-association.js';
import { GraphModelRequest, type GraphModel } from '../../protocol/graph-messages.js';

/**
 * Start the language server (dist/server.js over stdio) for `dagger-workflow` documents. Not awaited:
 * activation must not wait for the server process.
 *
 * Why no duplicate diagnostics with Red Hat YAML: package.json's `yamlValidation` hands our schema to that
 * extension, but it only validates documents whose language is `yaml`. Our files have the language
 * `dagger-workflow`, so only this server validates them; someone who maps them back to `yaml` (or edits a plain
 * `.yaml` workflow without our extension's language) gets the schema from Red Hat YAML instead.
 */
export function startLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    initializationOptions: { diagnosticDelay: diagnosticDelaySetting() },
    outputChannelName: 'Dagger Workflows Language Server',
  };
  const client = new LanguageClient(
    'daggerWorkflows',
    'Dagger Workflows Language Server',
    serverOptions,
    clientOptions,
  );
  client.start().catch((error: unknown) => {
    void vscode.window.showErrorMessage(
      `Dagger Workflows: the language server did not start: ${String(error)}`,
    );
  });
  // The delay is an initialization option of the server: a new value takes effect by restarting it.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('daggerWorkflows.diagnosticsDelay')) return;
      client.clientOptions.initializationOptions = { diagnosticDelay: diagnosticDelaySetting() };
      void client.restart();
    }),
  );
  return client;
}

function diagnosticDelaySetting(): number {
  return vscode.workspace.getConfiguration('daggerWorkflows').get<number>('diagnosticsDelay', 150);
}

/**
 * Ask the language server for a document's graph (protocol/graph-messages.ts). It lives in this bundle because a
 * RequestType must come from the language client's own copy of the protocol library; the graph panels (a bundle
 * of their own) call it through here.
 */
export function requestGraphModel(client: LanguageClient, uri: string): Promise<GraphModel | null> {
  return client.sendRequest(GraphModelRequest, { textDocument: { uri } });
}
