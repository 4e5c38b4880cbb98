import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

const ROOT = REPO_ROOT;
/** The built `dagger-wf` (npm run build; `npm test` builds first). */
export const CLI = resolve(ROOT, 'dist/cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI to completion. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): CliResult {
  if (!existsSync(CLI)) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `npm run build failed: ${build.stderr}`);
  }
  // `--` as in the bin's shebang: Node 20 would otherwise read a script's `--env-file` as its own.
  const result = spawnSync(process.execPath, ['--', CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A user's mistake never shows a stack trace. */
export function assertNoStackTrace(result: CliResult): void {
  assert.doesNotMatch(result.stderr, /^ {4}at /m, `stack trace on stderr:\n${result.stderr}`);
  assert.doesNotMatch(result.stdout, /^ {4}at /m, `stack trace on stdout:\n${result.stdout}`);
}
