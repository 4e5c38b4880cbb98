// Entry of dist/language-client.js: vscode-languageclient is most of the extension's code, so it loads on the
// tick after activate() returns (load-language-client.ts) and activation stays fast.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { GraphModelRequest, type GraphModel } from '../../protocol/graph-messages.js';
import type { InitializationOptions } from '../../protocol/initialization-options.js';
import { WorkflowStepsRequest, type WorkflowSteps } from '../../protocol/workflow-steps-messages.js';
import { LANGUAGE_ID } from './workflow-file-association.js';

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
    initializationOptions: initializationOptions(),
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
      client.clientOptions.initializationOptions = initializationOptions();
      void client.restart();
    }),
  );
  return client;
}

/** The settings the server takes at start, under their names (the defaults are package.json's). */
function initializationOptions(): InitializationOptions {
  return {
    diagnosticsDelay: vscode.workspace.getConfiguration('daggerWorkflows').get<number>('diagnosticsDelay'),
  };
}

// The requests beyond LSP (protocol/*-messages.ts) are sent from this bundle because a RequestType must come from
// the language client's own copy of the protocol library; the CodeLenses, the failed-step ranges and the graph
// panels (a bundle of their own) call them through load-language-client.ts.

/** The steps of a workflow document, from the language server (null when it can neither see nor read it). */
export function requestWorkflowSteps(client: LanguageClient, uri: string): Promise<WorkflowSteps | null> {
  return client.sendRequest(WorkflowStepsRequest, { textDocument: { uri } });
}

/** The graph of an open workflow document at its current version (null when the server does not have it open). */
export function requestGraphModel(client: LanguageClient, uri: string): Promise<GraphModel | null> {
  return client.sendRequest(GraphModelRequest, { textDocument: { uri } });
}
