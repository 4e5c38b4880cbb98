// The same integration tests module, run in VS Code desktop through @vscode/test-electron, where VS Code can be
// downloaded (or is installed). Not run in CI here: these machines cannot download VS Code, so CI runs the module
// in code-server instead (test/e2e/integration.test.ts).
//
//   npm run build && node --import tsx test/e2e/electron-runner.ts
//   VSCODE_EXECUTABLE=/usr/share/code/code node --import tsx test/e2e/electron-runner.ts   # an installed VS Code
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { assertExtensionBuilt, buildIntegrationTests, INTEGRATION_TESTS } from './support/build.js';
import { FIXTURE_WORKSPACE, REPO } from './support/paths.js';

async function main(): Promise<void> {
  assertExtensionBuilt();
  await buildIntegrationTests();
  const workspace = join(mkdtempSync(join(tmpdir(), 'dagger-electron-')), 'workspace');
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: INTEGRATION_TESTS,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
