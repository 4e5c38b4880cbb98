// The engine going away under a run started from the extension, in code-server's extension host: a second
// Docker engine of the test's own is killed, frozen and restarted (test/e2e/integration/engine-faults.ts).
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SuiteReport } from './integration/suite.js';
import { destroySecondEngine, loadImage, startSecondEngine } from '../docker/second-engine.js';
import { assertExtensionBuilt, buildIntegrationTests, ENGINE_FAULT_TESTS } from './support/build.js';
import { runIntegrationTests } from './support/integration-runner.js';
import { ARTIFACTS, missingE2eTools } from './support/paths.js';

const skip = missingE2eTools();

before(async () => {
  if (skip) return;
  await destroySecondEngine();
  await startSecondEngine();
  loadImage('dagger-test/busybox:latest');
});
after(async () => {
  if (!skip) await destroySecondEngine();
});

void test(
  'from the extension, a killed, restarted or frozen engine ends the run with the reason; nothing spins forever',
  { skip, timeout: 900_000 },
  async () => {
    assertExtensionBuilt();
    await buildIntegrationTests();
    const report = join(mkdtempSync(join(tmpdir(), 'dagger-report-')), 'report.json');
    const run = await runIntegrationTests(
      'engine-faults',
      ENGINE_FAULT_TESTS,
      { DAGGER_E2E_REPORT: report },
      840_000,
    );
    writeFileSync(join(ARTIFACTS, 'engine-faults-console.log'), run.console.join('\n'));
    const result = JSON.parse(readFileSync(report, 'utf8')) as SuiteReport;
    for (const name of result.passed) console.log(`  ok - ${name}`);
    for (const failure of result.failed) console.log(`  not ok - ${failure.name}\n${failure.error}`);
    for (const [what, value] of Object.entries(result.measurements)) console.log(`  ${what}: ${value}`);
    assert.deepEqual(result.failed, [], 'no engine-fault test failed');
    assert.equal(result.passed.length, 6);
    assert.equal(run.exitCode, 0);
  },
);
