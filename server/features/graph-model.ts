import { findCycles } from '../../core/graph/find-cycles.js';
import type { WorkflowDiagnostic } from '../../core/model/diagnostic.js';
import type { Span } from '../../core/model/source.js';
import type { Step } from '../../core/model/workflow.js';
import type { GraphEdge, GraphModel, GraphNode } from '../../protocol/graph-messages.js';
import type { AnalyzedDocument } from '../documents/analyzed-document.js';

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * The graph the editor draws beside a workflow: its steps in YAML order, an edge per `depends_on` entry (red
 * when on a cycle, with the cycle's path; red to a `missing` stand-in node when the id names no step) and the
 * diagnostics that fall inside each step. Plain data in and out; built from the same model and graph as the
 * diagnostics, so the graph never disagrees with the Problems panel.
 */
export function graphModel(
  document: AnalyzedDocument,
  diagnostics: readonly WorkflowDiagnostic[],
): GraphModel {
  const { workflow, source } = document;
  const graph = document.graph();
  const cycleOf = new Map<string, string[]>();
  for (const cycle of findCycles(graph)) for (const member of cycle.members) cycleOf.set(member, cycle.path);

  const nodes: GraphNode[] = [];
  const steps: Step[] = [];
  for (const id of graph.ids) {
    const step = graph.steps.get(id);
    if (!step?.id) continue;
    steps.push(step);
    nodes.push({
      id,
      kind: 'step',
      label: step.name?.value.trim() || id,
      image: (step.image ?? workflow.containerConfig?.image)?.value,
      position: source.positionAt((step.id.keySpan ?? step.id.span).start),
      firstLine: source.positionAt(step.span.start).line,
      lastLine: source.positionAt(lastCharacter(source.text, step.span)).line,
      problems: [],
    });
  }
  foldDiagnostics(nodes, diagnostics);

  const edges: GraphEdge[] = [];
  const missing = new Map<string, GraphNode>();
  for (const step of steps) {
    const to = step.id?.value ?? '';
    const seen = new Set<string>();
    for (const item of step.dependsOn?.items ?? []) {
      const from = item.value;
      if (!from || seen.has(from)) continue;
      seen.add(from);
      const position = source.positionAt(item.span.start);
      if (!graph.steps.has(from)) {
        if (!missing.has(from)) missing.set(from, missingNode(from, position));
        edges.push({ from, to, kind: 'missing', position });
        continue;
      }
      const cycle = cycleOf.get(to);
      const onCycle = cycle !== undefined && cycle === cycleOf.get(from);
      edges.push(
        onCycle ? { from, to, kind: 'cycle', cycle, position } : { from, to, kind: 'dependency', position },
      );
    }
  }

  const problems = { errors: 0, warnings: 0, infos: 0 };
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') problems.errors++;
    else if (diagnostic.severity === 'warning') problems.warnings++;
    else problems.infos++;
  }
  const name = workflow.name?.value.trim();
  return {
    uri: document.uri,
    version: document.version,
    ...(name ? { name } : {}),
    nodes: [...nodes, ...missing.values()],
    edges,
    problems,
  };
}

/** Give each step node the diagnostics whose start lies inside its lines, worst first. */
function foldDiagnostics(nodes: GraphNode[], diagnostics: readonly WorkflowDiagnostic[]): void {
  const sorted = [...diagnostics].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  for (const diagnostic of sorted) {
    const line = diagnostic.range.start.line;
    const node = nodes.find((candidate) => candidate.firstLine <= line && line <= candidate.lastLine);
    if (!node) continue;
    node.severity ??= diagnostic.severity;
    node.problems.push(diagnostic.message);
  }
}

function missingNode(id: string, position: { line: number; character: number }): GraphNode {
  return {
    id,
    kind: 'missing',
    label: id,
    position,
    firstLine: position.line,
    lastLine: position.line,
    severity: 'error',
    problems: [`no step has the id "${id}"`],
  };
}

/** The offset of a span's last non-blank character (node spans may run on to the next line's start). */
function lastCharacter(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1] ?? '')) end--;
  return Math.max(span.start, end - 1);
}
