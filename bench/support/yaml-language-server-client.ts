/**
 * The peer in the LSP benchmark: Red Hat's yaml-language-server (from node_modules) over stdio, given our schema
 * the way the VS Code YAML extension would (workspace/configuration + didChangeConfiguration with `yaml.schemas`).
 * Its surface matches test/lsp/support's LspTestClient (open, change, request, waitForDiagnostics, stop) so the
 * benchmark drives both servers with the same code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';

const repositoryRoot = resolve(__dirname, '..', '..');
const serverPath = resolve(repositoryRoot, 'node_modules/yaml-language-server/bin/yaml-language-server');

export interface YamlServerOptions {
  /** The JSON schema handed to the server (default: schemas/workflow.schema.json). */
  schemaPath?: string;
  /** Globs of files the schema applies to. */
  fileMatch: string[];
}

export class YamlLanguageServerClient {
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly versions = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];
  stderr = '';

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
  ) {}

  /** Spawn yaml-language-server, initialize it and configure our schema (validate + completion + hover on). */
  static async start(options: YamlServerOptions): Promise<YamlLanguageServerClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], {
      cwd: repositoryRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new YamlLanguageServerClient(connection, child);
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    const schemaUri = pathToFileURL(
      options.schemaPath ?? resolve(repositoryRoot, 'schemas/workflow.schema.json'),
    ).href;
    const yamlSettings = {
      schemas: { [schemaUri]: options.fileMatch },
      validate: true,
      completion: true,
      hover: true,
      schemaStore: { enable: false },
      format: { enable: false },
    };
    // yaml-language-server pulls the sections 'yaml', 'http', '[yaml]' and 'editor' in this order.
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'yaml' ? yamlSettings : {})),
    );
    // Capability registrations and progress tokens: accept them.
    for (const method of [
      'client/registerCapability',
      'client/unregisterCapability',
      'window/workDoneProgress/create',
    ]) {
      connection.onRequest(method, () => null);
    }
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.push(params);
      for (const waiter of client.waiters.splice(0)) waiter();
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(repositoryRoot).href,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          completion: {
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { yaml: yamlSettings },
    });
    return client;
  }

  /** didOpen as a YAML document; version starts at 1. */
  async open(uri: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  }

  /** didChange; bumps and returns the document version. */
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

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /**
   * The first publishDiagnostics for `uri` after index `since` of `published` (with `version` when given; this
   * server publishes without versions, so callers pass none and check the content). Rejects after `timeoutMs`.
   */
  async waitForDiagnostics(
    uri: string,
    version?: number,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published
        .slice(options.since ?? 0)
        .find((params) => params.uri === uri && (version === undefined || params.version === version));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`yaml-language-server sent no diagnostics for ${uri} within ${timeoutMs} ms`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  /** shutdown + exit, then wait for the process (killed after 5 s). */
  async stop(): Promise<void> {
    const exited = new Promise<void>((done) => {
      if (this.child.exitCode !== null) done();
      else this.child.once('exit', () => done());
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
