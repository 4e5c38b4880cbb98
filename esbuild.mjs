// Builds dist/: the extension's entry and the bundles it loads on first use (language client, workflow tools,
// runner, graph, debugger), the language server, the debug adapter and the `dagger-wf` CLI. `--watch` rebuilds
// on change; `--minify` minifies the bundles that are not minified anyway.
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  external: ['vscode', 'cpu-features', 'ssh2'],
  // dockerode's wire trace (the `debug` package, switched on by DEBUG=modem or DEBUG=*) prints every request's
  // headers, registry credentials among them: the bundles never read DEBUG.
  define: { 'process.env.DEBUG': 'undefined' },
  logLevel: 'warning',
};
/** @type {import('esbuild').BuildOptions[]} */
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
  // The graph panels load on the first Show Graph (client/graph/load-graph.ts); ELK runs in a worker_threads worker
  // of its own, and the webview's script and styles are browser bundles in the only folder the webview may read.
  { entryPoints: ['client/graph/graph-bundle.ts'], outfile: 'dist/graph.js', minify: true },
  {
    entryPoints: ['client/graph/layout/layout-worker.ts'],
    outfile: 'dist/graph-layout-worker.js',
    minify: true,
  },
  {
    entryPoints: ['client/graph/webview/main.ts'],
    outfile: 'dist/graph-webview/graph-webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
  },
  { entryPoints: ['client/graph/webview/graph.css'], outfile: 'dist/graph-webview/graph.css', minify: true },
  { entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  // The workflow debugger: on stdio for any DAP client, and inline in VS Code, loaded on the first debug session.
  {
    entryPoints: ['debug-adapter/main.ts'],
    outfile: 'dist/debug-adapter.js',
    external: ['vscode', 'cpu-features', '*.node'],
  },
  {
    entryPoints: ['client/debug/debugger-bundle.ts'],
    outfile: 'dist/debugger.js',
    minify: true,
    external: ['vscode', 'cpu-features', '*.node'],
  },
  // `--`: Node 20 reads a script's own `--env-file` argument as its option (nodejs/node#54232).
  // ssh2 is bundled in, as for the runner: dist/cli.js must run with no node_modules beside it.
  {
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    external: ['vscode', 'cpu-features', '*.node'],
    banner: { js: '#!/usr/bin/env -S node --' },
  },
];
for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
// Shipped as they are: ELK's bundle (EPL-2.0, unmodified, with its licence; loaded by the layout worker) and the
// codicon font the graph's state icons use.
for (const dir of ['dist/elk', 'dist/graph-webview']) mkdirSync(dir, { recursive: true });
copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'dist/elk/elk.bundled.js');
copyFileSync('node_modules/elkjs/LICENSE.md', 'dist/elk/LICENSE.md');
for (const file of ['codicon.css', 'codicon.ttf'])
  copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/graph-webview/${file}`);
// The `dagger-wf` bin runs as it is, through its shebang.
if (!watch) chmodSync('dist/cli.js', 0o755);
