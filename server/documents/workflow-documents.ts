import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { DependencyGraph } from '../../core/graph/dependency-graph.js';
import type { WorkflowDiagnostic } from '../../core/model/diagnostic.js';
import { CachedWorkflowParser } from '../../core/incremental/cached-workflow-parser.js';
import { IncrementalValidator } from '../../core/incremental/incremental-validator.js';
import type { Workflow } from '../../core/model/workflow.js';
import { SourceText } from '../../core/parse/source-text.js';
import type { AnalyzedDocument } from './analyzed-document.js';
import { envFileBeside } from './env-file-beside.js';

interface OpenDocument {
  text: TextDocument;
  parser: CachedWorkflowParser;
  validator: IncrementalValidator;
  /** The analysis of the latest version parsed so far (maybe older than `text`). */
  analysis?: AnalyzedDocument;
  diagnostics?: { version: number; diagnostics: WorkflowDiagnostic[] };
}

/**
 * The open workflow documents: their text (kept in step with incremental didChange events) and, per version,
 * the model, graph and diagnostics — computed on demand, each at most once per version.
 */
export class WorkflowDocuments {
  private readonly open = new Map<string, OpenDocument>();

  didOpen(uri: string, version: number, text: string): void {
    this.open.set(uri, {
      text: TextDocument.create(uri, 'dagger-workflow', version, text),
      parser: new CachedWorkflowParser(),
      validator: new IncrementalValidator(),
    });
  }

  didChange(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const entry = this.open.get(uri);
    if (entry) entry.text = TextDocument.update(entry.text, changes, version);
  }

  didClose(uri: string): void {
    this.open.delete(uri);
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  version(uri: string): number | undefined {
    return this.open.get(uri)?.text.version;
  }

  /** The model of the current text (re-parsing what changed; a full parse when it must). */
  analyze(uri: string): AnalyzedDocument | undefined {
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    if (entry.analysis && !entry.analysis.stale && entry.analysis.version === entry.text.version)
      return entry.analysis;
    const text = entry.text.getText();
    return this.remember(entry, entry.parser.parse(text));
  }

  /**
   * For completion: the model of the current text when it can be read step by step (milliseconds); otherwise
   * the last model with the current text (`stale`), rather than waiting for a whole reading of a large file.
   */
  analyzeQuickly(uri: string): AnalyzedDocument | undefined {
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    if (entry.analysis?.version === entry.text.version) return entry.analysis;
    const text = entry.text.getText();
    const parsed = entry.parser.parseQuickly(text);
    if (parsed) return this.remember(entry, parsed);
    if (!entry.analysis) return this.analyze(uri);
    return { ...entry.analysis, version: entry.text.version, source: new SourceText(text), stale: true };
  }

  /** The diagnostics of the current version (validating only what changed since the last call). */
  diagnostics(uri: string): { version: number; diagnostics: WorkflowDiagnostic[] } | undefined {
    const entry = this.open.get(uri);
    const analysis = this.analyze(uri);
    if (!entry || !analysis) return undefined;
    if (entry.diagnostics?.version !== analysis.version) {
      entry.diagnostics = {
        version: analysis.version,
        diagnostics: entry.validator.validate(analysis.workflow),
      };
    }
    return entry.diagnostics;
  }

  private remember(entry: OpenDocument, workflow: Workflow): AnalyzedDocument {
    let graph: DependencyGraph | undefined;
    const uri = entry.text.uri;
    const analysis: AnalyzedDocument = {
      uri,
      version: entry.text.version,
      source: workflow.source,
      workflow,
      stale: false,
      graph: () => (graph ??= DependencyGraph.of(workflow)),
      envFile: () => envFileBeside(uri),
    };
    entry.analysis = analysis;
    return analysis;
  }
}
