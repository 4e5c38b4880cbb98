// One script, three bundles: the VS Code entry, the language server and the CLI (DECISIONS.md).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  external: ['vscode', 'cpu-features', 'ssh2'],
  logLevel: 'warning',
};
const entries = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
