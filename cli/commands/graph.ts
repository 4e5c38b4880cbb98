import { DependencyGraph } from '../../core/graph/dependency-graph.js';
import { validateWorkflow } from '../../core/validate/validate-workflow.js';
import { chooseFormat, parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { formatDiagnosticLine } from '../print-diagnostics.js';
import { formatDot, formatMermaid } from '../print-graph.js';
import { readWorkflow } from '../read-workflow-file.js';

const HELP = `Usage: dagger-wf graph FILE [--format mermaid|dot]

Print the dependency graph of a workflow: an arrow from each step to the steps that wait for it.

Options:
  --format mermaid  a Mermaid flowchart (default)
  --format dot      a Graphviz digraph
  -h, --help        show this help

An invalid workflow (cycles, unknown dependencies, schema errors) prints its problems on stderr and exits 2.`;

export const graphCommand: CliCommand = {
  name: 'graph',
  summary: 'print the dependency graph as Mermaid or Graphviz dot',
  help: HELP,
  run(argv) {
    const { values, positionals } = parseCommandArgs('graph', argv, { format: { type: 'string' } });
    const format = chooseFormat('graph', values.format, ['mermaid', 'dot'] as const, 'mermaid');
    const [file] = positionals;
    if (file === undefined || positionals.length !== 1)
      throw new UsageError('graph: expected exactly one FILE (see dagger-wf graph --help)');
    const workflow = readWorkflow(file);
    const errors = validateWorkflow(workflow).filter((d) => d.severity === 'error');
    if (errors.length) {
      process.stderr.write(`${errors.map((d) => formatDiagnosticLine(file, d)).join('\n')}\n`);
      return Promise.resolve(2);
    }
    const graph = DependencyGraph.of(workflow);
    process.stdout.write(`${format === 'dot' ? formatDot(graph) : formatMermaid(graph)}\n`);
    return Promise.resolve(0);
  },
};
