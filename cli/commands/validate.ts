import { validateWorkflow } from '../../core/validate/validate-workflow.js';
import { chooseFormat, parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { diagnosticsAsJson, formatDiagnosticLine, formatSummary } from '../print-diagnostics.js';
import { readWorkflow } from '../read-workflow-file.js';

const HELP = `Usage: dagger-wf validate FILE… [--format text|json]

Check workflow files against the schema and the semantic rules (ids, dependencies, cycles,
images, interpolations, resources).

Options:
  --format text  one line per problem: file:line:col - severity CODE: message (default)
  --format json  one JSON array on stdout: [{ file, diagnostics: [{ code, severity, message, range }] }]
                 (ranges 0-based, as in LSP)
  -h, --help     show this help

Exit codes: 0 no errors (warnings allowed); 2 an error in any file, or a usage error.`;

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check workflow files and print their problems',
  help: HELP,
  run(argv) {
    const { values, positionals } = parseCommandArgs('validate', argv, { format: { type: 'string' } });
    const format = chooseFormat('validate', values.format, ['text', 'json'] as const, 'text');
    if (positionals.length === 0)
      throw new UsageError('validate: no FILE given (see dagger-wf validate --help)');
    // Every file is checked before any output (a missing one is a usage error), one at a time: only one
    // document is in memory at once.
    const results = positionals.map((file) => ({ file, diagnostics: validateWorkflow(readWorkflow(file)) }));
    const all = results.flatMap((result) => result.diagnostics);
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    if (format === 'json') {
      process.stdout.write(
        `${JSON.stringify(
          results.map((r) => diagnosticsAsJson(r.file, r.diagnostics)),
          null,
          2,
        )}\n`,
      );
    } else {
      const lines = results.flatMap((r) => r.diagnostics.map((d) => formatDiagnosticLine(r.file, d)));
      if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
    }
    process.stderr.write(`${formatSummary(errors, warnings, results.length)}\n`);
    return Promise.resolve(errors > 0 ? 2 : 0);
  },
};
