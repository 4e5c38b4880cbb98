import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { WorkflowStepsRequest } from '../protocol/workflow-steps-messages.js';
import type { AnalyzedDocument } from './documents/analyzed-document.js';
import { readClosedDocument } from './documents/closed-document.js';
import { WorkflowDocuments } from './documents/workflow-documents.js';
import { codeActions } from './features/code-actions.js';
import { complete } from './features/completion/complete.js';
import { toCompletionResult, withoutSnippets } from './features/completion/completion-list.js';
import { DiagnosticScheduler } from './features/diagnostics/diagnostic-scheduler.js';
import { toLspDiagnostic } from './features/diagnostics/to-lsp-diagnostic.js';
import { documentSymbols } from './features/document-symbols.js';
import { foldingRanges } from './features/folding-ranges.js';
import { graphModel } from './features/graph-model.js';
import { hover } from './features/hover.js';
import { findDefinition, findReferences, highlightStepId } from './features/navigation/navigate.js';
import { prepareRename, RenameRefused, renameStepId } from './features/navigation/rename.js';
import { workflowSteps } from './features/workflow-steps.js';
import { readServerOptions } from './server-options.js';
import { GraphModelRequest } from '../protocol/graph-messages.js';

/**
 * The one place that talks to the LSP connection: document sync, the diagnostics schedule, and each request
 * handed to its feature function (features/, plain data in and out). Nothing here assumes a particular client.
 */
export function startLanguageServer(connection: Connection): void {
  const documents = new WorkflowDocuments();
  let scheduler: DiagnosticScheduler | undefined;
  let editRangeDefault = false;
  let snippets = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = readServerOptions(params.initializationOptions);
    snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false;
    editRangeDefault =
      params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') ??
      false;
    if (!options.pullDiagnostics) {
      scheduler = new DiagnosticScheduler({
        delayMs: options.diagnosticsDelay,
        compute: (uri) => documents.diagnostics(uri),
        publish: (uri, version, diagnostics) =>
          void connection.sendDiagnostics({ uri, version, diagnostics: diagnostics.map(toLspDiagnostic) }),
      });
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['.', '{', '[', ',', ' ', '-'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(options.pullDiagnostics
          ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: 'dagger-workflows-language-server' },
    };
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    documents.didOpen(textDocument.uri, textDocument.version, textDocument.text);
    scheduler?.opened(textDocument.uri);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    documents.didChange(textDocument.uri, textDocument.version, contentChanges);
    scheduler?.schedule(textDocument.uri);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.didClose(textDocument.uri);
    scheduler?.clear(textDocument.uri);
  });

  connection.languages.diagnostics.on(({ textDocument }) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: documents.diagnostics(textDocument.uri)?.diagnostics.map(toLspDiagnostic) ?? [],
  }));

  /** Run a feature on the analysed document at a position (nothing when the document is not open). */
  const at = <T>(
    uri: string,
    position: { line: number; character: number },
    quick: boolean,
    feature: (doc: AnalyzedDocument, offset: number) => T,
  ): T | null => {
    const document = quick ? documents.analyzeQuickly(uri) : documents.analyze(uri);
    return document ? feature(document, document.source.offsetAt(position)) : null;
  };

  connection.onCompletion(({ textDocument, position }) => {
    const items = at(textDocument.uri, position, true, complete);
    return items && toCompletionResult(snippets ? items : withoutSnippets(items), editRangeDefault);
  });
  connection.onHover(({ textDocument, position }) => at(textDocument.uri, position, false, hover));
  connection.onDefinition(
    ({ textDocument, position }) => at(textDocument.uri, position, false, findDefinition) ?? null,
  );
  connection.onReferences(({ textDocument, position, context }) =>
    at(textDocument.uri, position, false, (doc, offset) =>
      findReferences(doc, offset, context.includeDeclaration),
    ),
  );
  connection.onDocumentHighlight(({ textDocument, position }) =>
    at(textDocument.uri, position, false, highlightStepId),
  );
  connection.onPrepareRename(
    ({ textDocument, position }) => at(textDocument.uri, position, false, prepareRename) ?? null,
  );
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    try {
      return at(textDocument.uri, position, false, (doc, offset) => renameStepId(doc, offset, newName));
    } catch (error) {
      if (error instanceof RenameRefused) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
      throw error;
    }
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const document = documents.analyze(textDocument.uri);
    return document ? documentSymbols(document) : null;
  });
  connection.onFoldingRanges(({ textDocument }) => {
    const document = documents.analyze(textDocument.uri);
    return document ? foldingRanges(document) : null;
  });
  connection.onCodeAction(({ textDocument, context }) => {
    const document = documents.analyze(textDocument.uri);
    return document ? codeActions(document, context.diagnostics) : null;
  });
  connection.onRequest(WorkflowStepsRequest, ({ textDocument }) => {
    const document = documents.analyze(textDocument.uri);
    if (document) return workflowSteps(document.workflow, document.version);
    const text = readClosedDocument(textDocument.uri);
    return text === undefined ? null : workflowSteps(parseWorkflow(text), null);
  });
  connection.onRequest(GraphModelRequest, ({ textDocument }) => {
    const document = documents.analyze(textDocument.uri);
    const diagnostics = documents.diagnostics(textDocument.uri)?.diagnostics ?? [];
    return document ? graphModel(document, diagnostics) : null;
  });
  connection.onShutdown(() => scheduler?.dispose());

  connection.listen();
}
