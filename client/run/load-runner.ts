import { join } from 'node:path';
import type { RunnerModule } from './runner-api.js';

let cached: RunnerModule | undefined;

/**
 * Load dist/runner.js (the runner and dockerode) on first use. A plain require of a computed path keeps
 * esbuild from bundling it into dist/extension.js, so activation does not pay for it.
 */
export function loadRunner(extensionPath: string): RunnerModule {
  if (!cached) {
    const path = join(extensionPath, 'dist', 'runner.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = require(path) as RunnerModule;
  }
  return cached;
}
