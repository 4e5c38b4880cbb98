// Integration tests in the extension host of a real VS Code workbench (code-server), with the extension
// loaded from this folder. The tests themselves are in test/e2e/integration/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingE2eTools, ARTIFACTS } from './support/paths.js';
import {
  assertExtensionBuilt,
  buildIntegrationTests,
  FAILING_TESTS,
  INTEGRATION_TESTS,
} from './support/build.js';
import { runIntegrationTests } from './support/integration-runner.js';
import type { SuiteReport } from './integration/suite.js';

const skip = missingE2eTools();

void test(
  'integration tests pass in the extension host of code-server',
  { skip, timeout: 300_000 },
  async () => {
    assertExtensionBuilt();
    await buildIntegrationTests();
    const report = join(mkdtempSync(join(tmpdir(), 'dagger-report-')), 'report.json');
    const run = await runIntegrationTests('integration', INTEGRATION_TESTS, { DAGGER_E2E_REPORT: report });
    writeFileSync(join(ARTIFACTS, 'integration-console.log'), run.console.join('\n'));
    const result = JSON.parse(readFileSync(report, 'utf8')) as SuiteReport;
    for (const name of result.passed) console.log(`  ok - ${name}`);
    for (const failure of result.failed) console.log(`  not ok - ${failure.name}\n${failure.error}`);
    assert.deepEqual(result.failed, [], 'no integration test failed');
    assert.ok(result.passed.length >= 10, `the suite ran (${result.passed.length} passed)`);
    assert.equal(run.exitCode, 0);
  },
);

void test(
  'negative control: a failing integration suite makes the runner exit non-zero',
  { skip, timeout: 120_000 },
  async () => {
    assertExtensionBuilt();
    await buildIntegrationTests();
    const run = await runIntegrationTests('negative-control', FAILING_TESTS);
    assert.notEqual(run.exitCode, 0);
    assert.ok(
      run.console.some((line) => line.includes('expected failure (negative control)')),
      'the failure was reported',
    );
  },
);
