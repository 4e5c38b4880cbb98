import { join } from 'node:path';

type GraphModule = typeof import('./graph-bundle.js');

let cached: GraphModule | undefined;

/**
 * Load dist/graph.js on first use. A plain require of a computed path keeps esbuild from bundling the graph into
 * dist/extension.js, so activation does not pay for it.
 */
export function loadGraph(extensionPath: string): GraphModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cached ??= require(join(extensionPath, 'dist', 'graph.js')) as GraphModule;
  return cached;
}
