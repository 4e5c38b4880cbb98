/**
 * A small LSP client for tests and benchmarks: spawns the built server (`node dist/server.js --stdio`) and talks
 * the real protocol over its stdio. Build first (`npm run build`). `StartOptions.server` and its hooks start
 * another server the same way (the LSP benchmark's peer, bench/support/yaml-language-server-client.ts).
 *
 *   const client = await LspTestClient.start({ diagnosticsDelay: 0 });
 *   await client.open(uri, text);
 *   const diagnostics = await client.waitForDiagnostics(uri, 1);
 *   const items = await client.complete(uri, position); // or client.request('textDocument/completion', …)
 *   await client.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { positionOf } from './cursor.js';
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
  /** Passed as `initializationOptions` (default `{ diagnosticsDelay: 0 }`; `null`: none sent). */
  initializationOptions?: Record<string, unknown> | null;
  /** Where the server runs; defaults to this repository. */
  cwd?: string;
  /** The client's capabilities; defaults to what VS Code offers for the features tested here. */
  capabilities?: ClientCapabilities;
  /** The server's script, run as `node <server> --stdio` (default: our built server). */
  server?: string;
  /** The language id documents are opened with (default `dagger-workflow`). */
  languageId?: string;
  /** The workspace root sent in `initialize` (default none). */
  rootUri?: string | null;
  /** Registers handlers for the server's requests, before the connection listens. */
  configure?: (connection: ProtocolConnection) => void;
  /** Runs after `initialized`, e.g. to send settings. */
  afterInitialized?: (connection: ProtocolConnection) => Promise<void>;
}

/** How long `stop()` lets a server take to shut down before it is killed. */
const STOP_DEADLINE_MS = 5_000;

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
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly versions = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];
  private stderr = '';
  private initializeResult?: InitializeResult;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    private readonly languageId: string,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
  }

  /** The server's answer to `initialize`. */
  get capabilities(): InitializeResult {
    if (!this.initializeResult) throw new Error('the server is not initialized yet');
    return this.initializeResult;
  }

  /** Spawn the server, run initialize/initialized, and return a ready client. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const server = options.server ?? SERVER_PATH;
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [server, '--stdio'], {
      cwd: options.cwd ?? resolve(__dirname, '../../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspTestClient(connection, child, options.languageId ?? 'dagger-workflow');
    options.configure?.(connection);
    connection.listen();
    const initializationOptions =
      options.initializationOptions === null
        ? {}
        : { initializationOptions: options.initializationOptions ?? { diagnosticsDelay: 0 } };
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: options.capabilities ?? DEFAULT_CLIENT_CAPABILITIES,
      ...initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    await options.afterInitialized?.(connection);
    return client;
  }

  /** didOpen with the client's language id (default `dagger-workflow`); version starts at 1. */
  async open(uri: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: this.languageId, version, text },
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

  /**
   * Type `characters` into the document's `text` at `offset`, one change per character as an editor sends them
   * while someone types. Returns the new text and the last version.
   */
  async type(
    uri: string,
    text: string,
    offset: number,
    characters: string,
  ): Promise<{ text: string; version: number }> {
    let version = this.versions.get(uri) ?? 0;
    for (const [typed, character] of [...characters].entries()) {
      const at = positionOf(text, offset + typed);
      version = await this.change(uri, [{ range: { start: at, end: at }, text: character }]);
      text = text.slice(0, offset + typed) + character + text.slice(offset + typed);
    }
    return { text, version };
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

  /**
   * shutdown + exit, then wait for the process to end. A server that has not answered `shutdown` or ended
   * within `deadlineMs` is killed, so a stuck server cannot hang a test run.
   */
  async stop(deadlineMs = STOP_DEADLINE_MS): Promise<void> {
    const exited = new Promise<void>((done) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) done();
      else this.child.once('exit', () => done());
    });
    const killer = setTimeout(() => this.child.kill('SIGKILL'), deadlineMs);
    // sendRequest throws at once on a closed connection: the async wrapper makes that a rejection too.
    const shutdown = (async () => this.connection.sendRequest('shutdown'))().then(
      () => true,
      () => false, // The server is gone already; nothing to shut down.
    );
    if (await Promise.race([shutdown, exited.then(() => false)])) {
      await this.connection.sendNotification('exit').catch(() => undefined);
    }
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
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
