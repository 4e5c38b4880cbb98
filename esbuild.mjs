// One script, three bundles: the VS Code entry, the language server and the CLI (DECISIONS.md).
import { chmodSync } from 'node:fs';
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
  // Banner and footer time the loading of the bundle (activation time = code loading + activate()), see
  // client/activation-timer.ts.
  {
    entryPoints: ['client/extension.ts'],
    outfile: 'dist/extension.js',
    // Minified (with its source map) so the bundle stays under 1 MB and loads fast at activation.
    minify: true,
    banner: { js: 'var __daggerLoadStart = performance.now(), __daggerLoadEnd;' },
    footer: { js: '__daggerLoadEnd = performance.now();' },
  },
  // vscode-languageclient, the bulk of the extension's code, loads on the tick after activation.
  {
    entryPoints: ['client/language/language-client-bundle.ts'],
    outfile: 'dist/language-client.js',
    minify: true,
  },
  // The YAML parser and what needs it load on first use (a Run, the docker run command).
  {
    entryPoints: ['client/workflow-tools/workflow-tools-bundle.ts'],
    outfile: 'dist/workflow-tools.js',
    minify: true,
  },
  // The runner and dockerode load only on the first Run, so activation stays fast (client/run/load-runner.ts).
  // ssh2 is bundled in (its optional native helpers, required inside try/catch, stay out): the .vsix has no node_modules.
  {
    entryPoints: ['client/run/runner-bundle.ts'],
    outfile: 'dist/runner.js',
    minify: true,
    external: ['vscode', 'cpu-features', '*.node'],
  },
  { entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  // `--`: Node 20 reads a script's own `--env-file` argument as its option (nodejs/node#54232).
  { entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env -S node --' } },
];
for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
// The `dagger-wf` bin runs as it is, through its shebang.
if (!watch) chmodSync('dist/cli.js', 0o755);
