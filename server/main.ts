// The language server's entry point (dist/server.js, started as `node dist/server.js --stdio`, docs/settings.md).
// Everything else lives in connection.ts (the wiring) and features/ (plain functions).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './connection.js';

startLanguageServer(createConnection(ProposedFeatures.all));
