import type { ChildProcess } from 'node:child_process';
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';

/**
 * What the LSP benchmark needs from a running server. Both test/lsp/support's LspTestClient (our server) and
 * YamlLanguageServerClient (the peer) have this shape.
 */
export interface LspBenchClient {
  /** The server process (for its CPU time). */
  readonly child: ChildProcess;
  readonly published: PublishDiagnosticsParams[];
  open(uri: string, text: string, version?: number): Promise<void>;
  change(uri: string, edits: TextDocumentContentChangeEvent[]): Promise<number>;
  request<R>(method: string, params: unknown): Promise<R>;
  waitForDiagnostics(
    uri: string,
    version?: number,
    options?: { since?: number; timeoutMs?: number },
  ): Promise<PublishDiagnosticsParams>;
  close(uri: string): Promise<void>;
  stop(): Promise<void>;
}
