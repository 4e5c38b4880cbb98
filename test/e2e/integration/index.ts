// The integration tests module (extensionTestsPath): run inside the extension host by code-server's
// smoke-test driver (test/e2e/integration.test.ts) or by @vscode/test-electron (test/e2e/electron-runner.ts).
import { runSuite } from './suite.js';
import { languageTests } from './language.tests.js';
import { runTests } from './run.tests.js';
import { exportTests } from './export.tests.js';

/** Entry point the workbench calls; rejects when a test failed. */
export async function run(): Promise<void> {
  await runSuite([...languageTests, ...runTests, ...exportTests]);
}
