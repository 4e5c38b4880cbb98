import type { DependencyGraph } from '../../core/graph/dependency-graph.js';
import type { Workflow } from '../../core/model/workflow.js';
import type { SourceText } from '../../core/parse/source-text.js';

/**
 * What every feature reads: the current text and the model of a workflow document.
 * `workflow` is normally the model of exactly this text; for completion it may be the model of an older version
 * (`stale`), so completion never waits for a slow full re-parse — completion then reads the cursor's context from
 * `source` (the current text) and only ids, names and the graph from the model.
 */
export interface AnalyzedDocument {
  uri: string;
  version: number;
  /** The current text. */
  source: SourceText;
  workflow: Workflow;
  stale: boolean;
  /** The dependency graph of `workflow` (built on first use). */
  graph(): DependencyGraph;
  /** Variables of the `.env` file beside the workflow (empty when there is none). */
  envFile(): Record<string, string>;
}
