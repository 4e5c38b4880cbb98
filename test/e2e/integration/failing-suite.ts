// Negative control for the integration harness: a suite that fails must make the runner exit non-zero.
import { runSuite } from './suite.js';

export async function run(): Promise<void> {
  await runSuite([
    {
      name: 'a test that fails on purpose',
      run: () => Promise.reject(new Error('expected failure (negative control)')),
    },
  ]);
}
