/**
 * The peer in the LSP benchmark: Red Hat's yaml-language-server (from node_modules) over stdio, given our schema
 * the way the VS Code YAML extension would (workspace/configuration + didChangeConfiguration with `yaml.schemas`).
 * It is driven by test/lsp/support's LspTestClient, the same client as our server, so the benchmark runs both
 * with the same code.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../../test/lsp/support/lsp-test-client.js';

const repositoryRoot = resolve(__dirname, '..', '..');
const serverPath = resolve(repositoryRoot, 'node_modules/yaml-language-server/bin/yaml-language-server');

export interface YamlServerOptions {
  /** The JSON schema handed to the server (default: schemas/workflow.schema.json). */
  schemaPath?: string;
  /** Globs of files the schema applies to. */
  fileMatch: string[];
}

/** Spawn yaml-language-server, initialize it and configure our schema (validate + completion + hover on). */
export function startYamlLanguageServer(options: YamlServerOptions): Promise<LspTestClient> {
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
  return LspTestClient.start({
    server: serverPath,
    cwd: repositoryRoot,
    languageId: 'yaml',
    rootUri: pathToFileURL(repositoryRoot).href,
    initializationOptions: null,
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
    configure: (connection) => {
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
    },
    afterInitialized: (connection) =>
      connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } }),
  });
}
