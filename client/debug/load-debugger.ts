import { join } from 'node:path';

type DebuggerModule = typeof import('./debugger-bundle.js');

let cached: DebuggerModule | undefined;

/**
 * dist/debugger.js (the debug adapter and what it drives), loaded on the first debug session: a plain require of
 * a computed path keeps esbuild from bundling it into the activation bundle.
 */
export function loadDebugger(extensionPath: string): DebuggerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cached ??= require(join(extensionPath, 'dist', 'debugger.js')) as DebuggerModule;
  return cached;
}
