import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { REPO, VSIX } from './paths.js';

/** The compiled integration test modules (extensionTestsPath). */
export const INTEGRATION_TESTS = join(REPO, 'out', 'e2e', 'integration');
export const FAILING_TESTS = join(REPO, 'out', 'e2e', 'failing');
export const ACTIVATION_PROBE = join(REPO, 'out', 'e2e', 'activation-probe');
export const ENGINE_FAULT_TESTS = join(REPO, 'out', 'e2e', 'engine-faults');

/** The e2e tests use the real bundles: `npm test` builds them first (npm run build). */
export function assertExtensionBuilt(): void {
  for (const file of ['extension.js', 'language-client.js', 'workflow-tools.js', 'server.js', 'runner.js']) {
    if (!existsSync(join(REPO, 'dist', file)))
      throw new Error(`dist/${file} is missing: run \`npm run build\` first`);
  }
}

/** Bundle the integration test modules into out/e2e/ (CommonJS, as the extension host requires them). */
export async function buildIntegrationTests(): Promise<void> {
  const common: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
  };
  await esbuild.build({
    ...common,
    entryPoints: [join(REPO, 'test/e2e/integration/index.ts')],
    outfile: join(INTEGRATION_TESTS, 'index.js'),
  });
  await esbuild.build({
    ...common,
    entryPoints: [join(REPO, 'test/e2e/integration/activation-probe.ts')],
    outfile: join(ACTIVATION_PROBE, 'index.js'),
  });
  await esbuild.build({
    ...common,
    entryPoints: [join(REPO, 'test/e2e/integration/failing-suite.ts')],
    outfile: join(FAILING_TESTS, 'index.js'),
  });
  await esbuild.build({
    ...common,
    entryPoints: [join(REPO, 'test/e2e/integration/engine-faults.ts')],
    outfile: join(ENGINE_FAULT_TESTS, 'index.js'),
  });
}

/** Package the built extension as dist/dagger-workflows.vsix (what `npm run package` does after its build). */
export function packageVsix(): string {
  const result = spawnSync(
    process.execPath,
    [
      join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--no-rewrite-relative-links',
      '--out',
      VSIX,
    ],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}\n${result.stderr}`);
  return VSIX;
}
