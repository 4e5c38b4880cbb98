/**
 * A small LSP client for tests and benchmarks: spawns the built server (`node dist/server.js --stdio`) and talks
 * the real protocol over its stdio. Build first (`npm run build`).
 *
 *   const client = await LspTestClient.start({ diagnosticDelay: 0 });
 *   await client.open(uri, text);
 *   const diagnostics = await client.waitForDiagnostics(uri, 1);
 *   const items = await client.complete(uri, position); // or client.request('textDocument/completion', …)
 *   await client.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';

export const SERVER_PATH = resolve(__dirname, '../../../dist/server.js');

export interface StartOptions {
  /** Passed as `initializationOptions` (e.g. `{ diagnosticDelay: 0 }`). */
  initializationOptions?: Record<string, unknown>;
  /** Where the server runs; defaults to this repository. */
  cwd?: string;
  /** The client's capabilities; defaults to what VS Code offers for the features tested here. */
  capabilities?: ClientCapabilities;
}

/** Like VS Code: markdown, snippets, versioned diagnostics, a shared edit range in itemDefaults. */
export const DEFAULT_CLIENT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
      // A shared edit range may come once, in the list's itemDefaults (see completionItems()).
      completionList: { itemDefaults: ['editRange'] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true },
  },
};

export class LspTestClient {
  /** Every publishDiagnostics received, in arrival order. */
  private readonly versions = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];
  private stderr = '';

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    readonly capabilities: InitializeResult,
    /** Every publishDiagnostics received, in arrival order. */
    readonly published: PublishDiagnosticsParams[],
  ) {}

  /** Spawn the server, run initialize/initialized, and return a ready client. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], {
      cwd: options.cwd ?? resolve(__dirname, '../../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const published: PublishDiagnosticsParams[] = [];
    const clientRef: { current?: LspTestClient } = {};
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.push(params);
      clientRef.current?.notifyWaiters();
    });
    connection.listen();
    const capabilities = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? DEFAULT_CLIENT_CAPABILITIES,
      initializationOptions: options.initializationOptions ?? { diagnosticDelay: 0 },
    });
    await connection.sendNotification('initialized', {});
    const client = new LspTestClient(connection, child, capabilities, published);
    clientRef.current = client;
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    return client;
  }

  /** didOpen with language id `dagger-workflow`; version starts at 1. */
  async open(uri: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dagger-workflow', version, text },
    });
  }

  /** didChange with incremental (or whole-text) edits; bumps and returns the document version. */
  async change(uri: string, edits: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: edits,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Any request by method name, e.g. `request('textDocument/hover', { textDocument: { uri }, position })`. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /**
   * The first publishDiagnostics for `uri` (with `version` when given) that arrives after `since`
   * (an index into `published`; default: any received so far). Rejects after `timeoutMs`.
   */
  async waitForDiagnostics(
    uri: string,
    version?: number,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    const since = options.since ?? 0;
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = this.published
        .slice(since)
        .find((p) => p.uri === uri && (version === undefined || p.version === version));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no diagnostics for ${uri} version ${version ?? 'any'} within ${options.timeoutMs ?? 10_000} ms${this.stderr ? `; server stderr: ${this.stderr}` : ''}`,
        );
      await new Promise<void>((done) => {
        const timer = setTimeout(done, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  /** textDocument/completion at a position, as plain items (itemDefaults applied, see {@link completionItems}). */
  async complete(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position,
    });
    return completionItems(result);
  }

  /** shutdown + exit, then wait for the process to end (killed after 5 s). */
  async stop(): Promise<void> {
    const exited = new Promise<void>((done) => {
      if (this.child.exitCode !== null) done();
      else this.child.once('exit', () => done());
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server is gone already; nothing to shut down.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  private notifyWaiters(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** The items of a completion result, with a list's `itemDefaults.editRange` made into each item's textEdit. */
export function completionItems(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!result) return [];
  if (Array.isArray(result)) return result;
  const range = result.itemDefaults?.editRange;
  return result.items.map(({ textEditText, ...item }) => {
    if (item.textEdit || !range || !('start' in range)) return item;
    return { ...item, textEdit: { range, newText: textEditText ?? item.label } };
  });
}
