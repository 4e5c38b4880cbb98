// The graph-model request, declared once and shared by the language server (server/connection.ts answers it)
// and the extension (client/graph/ asks it), so both sides agree on its name and shape (STYLE.md principle 6).
import { RequestType } from 'vscode-languageserver-protocol';

/** A 0-based position in the workflow file, as in LSP. */
export interface GraphPosition {
  line: number;
  character: number;
}

/** One box of the graph: a step, or a `missing` stand-in for an id that `depends_on` names but no step has. */
export interface GraphNode {
  id: string;
  kind: 'step' | 'missing';
  /** The step's `name:`, else its id. */
  label: string;
  /** The step's image as written (its own or container_config's), for the tooltip. */
  image?: string;
  /** Where a click leads: the step's `id:` key (the `- id:` line); for a missing id, its first mention. */
  position: GraphPosition;
  /** 0-based lines the step spans, to find the step under the cursor or a debugger frame. */
  firstLine: number;
  lastLine: number;
  /** The worst severity among the diagnostics inside the step, if any. */
  severity?: 'error' | 'warning' | 'info';
  /** Those diagnostics' messages, worst first. */
  problems: string[];
}

/** `from → to`: `to` depends on `from`, so the arrow follows the order of the run. */
export interface GraphEdge {
  from: string;
  to: string;
  /** `cycle`: both ends are on one dependency cycle; `missing`: `from` is an id no step has. */
  kind: 'dependency' | 'cycle' | 'missing';
  /** For a cycle edge, the cycle as a closed path the way `depends_on` is written (`a → b → a`: a depends on b). */
  cycle?: string[];
  /** The `depends_on` entry that makes the edge. */
  position: GraphPosition;
}

/** The graph of one version of a workflow document, with its diagnostics folded onto the steps. */
export interface GraphModel {
  uri: string;
  /** The document version the model was built from. */
  version: number;
  /** The workflow's `name:`, when it has one. */
  name?: string;
  /** Nodes in YAML order (missing ids after the steps, in order of first mention). */
  nodes: GraphNode[];
  /** Edges in YAML order of their `depends_on` entries. */
  edges: GraphEdge[];
  /** Diagnostics of the whole document by severity (the header's "2 problems"). */
  problems: { errors: number; warnings: number; infos: number };
}

export interface GraphModelParams {
  textDocument: { uri: string };
}

/** The graph of an open workflow document at its current version; null when the document is not open. */
export const GraphModelRequest = new RequestType<GraphModelParams, GraphModel | null, void>(
  'daggerWorkflows/graphModel',
);
