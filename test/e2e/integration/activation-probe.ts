// A tests module that only measures activation (bench/extension.bench.ts): opens a workflow, waits for the
// extension, and writes the extension's own activation figures to $DAGGER_E2E_REPORT.
import * as assert from 'node:assert/strict';
import { measurements, runSuite } from './suite.js';
import { extensionApi, openWorkspaceFile } from './workspace.js';

export async function run(): Promise<void> {
  await runSuite([
    {
      name: 'activation time',
      async run() {
        await openWorkspaceFile('pipeline.dagger.yaml');
        const { activation, languageClientLoaded } = await extensionApi();
        assert.ok(activation.codeLoadingMs > 0 && activation.activateMs > 0);
        measurements.codeLoadingMs = activation.codeLoadingMs;
        measurements.activateMs = activation.activateMs;
        measurements.activationMs = activation.totalMs;
        measurements.languageClientLoadMs = (await languageClientLoaded).loadMs;
      },
    },
  ]);
}
