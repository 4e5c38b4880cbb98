import { join } from 'node:path';

type WorkflowTools = typeof import('./workflow-tools-bundle.js');

let cached: WorkflowTools | undefined;

/**
 * dist/workflow-tools.js (the YAML parser and its users), loaded on first use: it sits beside dist/extension.js,
 * and a plain require of a computed path keeps esbuild from bundling it into the activation bundle.
 */
export function workflowTools(): WorkflowTools {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cached ??= require(join(__dirname, 'workflow-tools.js')) as WorkflowTools;
  return cached;
}
