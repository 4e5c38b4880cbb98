import { writeFileSync } from 'node:fs';

/** One integration test: a name and an async body that throws on failure. */
export interface IntegrationTest {
  name: string;
  run(): Promise<void>;
}

export interface SuiteReport {
  passed: string[];
  failed: { name: string; error: string }[];
  /** Figures the tests measured (activation time…), for the benchmark. */
  measurements: Record<string, number>;
}

/** Figures recorded by tests; written to the report. */
export const measurements: Record<string, number> = {};

/**
 * Run tests one after the other inside the extension host (no test framework needed there). Prints each
 * result, writes a JSON report to $DAGGER_E2E_REPORT when set, and rejects when any test failed, which
 * makes the smoke-test driver (or @vscode/test-electron) exit non-zero.
 */
export async function runSuite(tests: IntegrationTest[]): Promise<void> {
  const report: SuiteReport = { passed: [], failed: [], measurements };
  for (const test of tests) {
    const started = Date.now();
    try {
      await test.run();
      report.passed.push(test.name);
      console.log(`ok - ${test.name} (${Date.now() - started} ms)`);
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      report.failed.push({ name: test.name, error: text });
      console.error(`not ok - ${test.name}\n${text}`);
    }
  }
  const path = process.env.DAGGER_E2E_REPORT;
  if (path) writeFileSync(path, JSON.stringify(report, null, 2));
  if (report.failed.length)
    throw new Error(`${report.failed.length} of ${tests.length} integration tests failed`);
}

/** Poll `probe` until it returns a value other than undefined, or throw after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
