import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeFileError } from '../../core/parse/describe-file-error.js';
import { exportArgo } from '../../core/export/export-argo.js';
import { ExportError } from '../../core/export/export-errors.js';
import { DEFAULT_OUTPUT_IMAGE } from '../../core/export/output-splitter.js';
import { InvalidWorkflowError, RunSetupError } from '../../core/run/run-errors.js';
import { parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { formatDiagnosticLine } from '../print-diagnostics.js';

const HELP = `Usage: dagger-wf export argo FILE [-o OUT] [--name NAME] [--namespace NS]
                         [--volume-claim SOURCE=PVC]… [--allow-host-path] [--secret-name NAME]
                         [--output-image IMAGE] [--env-file FILE]

Write an Argo Workflows Workflow manifest (YAML) that runs the workflow on Kubernetes: one DAG template,
a task per step. The manifest is checked against Argo's rules before it is written.

Options:
  -o, --output OUT           write the manifest to OUT (default: stdout)
  --name NAME                metadata.name (default: generateName from the file name)
  --namespace NS             metadata.namespace
  --volume-claim SOURCE=PVC  mount the PersistentVolumeClaim PVC where a step mounts SOURCE (a volume
                             source as written in the workflow, or a path); repeatable
  --allow-host-path          mount sources without a claim from the node's file system (hostPath)
  --secret-name NAME         the Kubernetes Secret holding secret inputs (default: <name>-inputs)
  --output-image IMAGE       image (with sh) of the container that splits $DAGGER_OUTPUT into one file
                             per output other steps read (default: ${DEFAULT_OUTPUT_IMAGE})
  --env-file FILE            variables for \${NAME}, resolved now (default: .env beside the workflow)
  -h, --help                 show this help

What the manifest needs on the cluster is printed on stderr and written at its top.
Exit codes: 0 written; 2 invalid workflow, a workflow that cannot be exported as asked, or usage.`;

const TARGETS = ['argo'];

/** `dagger-wf export argo`: arguments and output only; the export itself is core/export's exportArgo. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the workflow as an Argo Workflows manifest (export argo FILE)',
  help: HELP,
  run(argv) {
    const { values, positionals } = parseCommandArgs('export', argv, {
      output: { type: 'string', short: 'o' },
      name: { type: 'string' },
      namespace: { type: 'string' },
      'volume-claim': { type: 'string', multiple: true },
      'allow-host-path': { type: 'boolean' },
      'secret-name': { type: 'string' },
      'output-image': { type: 'string' },
      'env-file': { type: 'string' },
    });
    const [target, file, ...extra] = positionals;
    if (target === undefined || !TARGETS.includes(target))
      throw new UsageError(
        `export: ${target === undefined ? 'no target' : `unknown target "${target}"`} (use: dagger-wf export argo FILE)`,
      );
    if (file === undefined || extra.length)
      throw new UsageError('export: expected exactly one workflow FILE (see dagger-wf export --help)');
    let exported;
    try {
      exported = exportArgo({
        workflowFile: resolve(file),
        envFile: values['env-file'] === undefined ? undefined : resolve(values['env-file']),
        name: values.name,
        namespace: values.namespace,
        volumeClaims: (values['volume-claim'] ?? []).map(parseVolumeClaim),
        allowHostPath: values['allow-host-path'],
        secretName: values['secret-name'],
        outputImage: values['output-image'],
      });
    } catch (error) {
      return Promise.resolve(reportError(error, file));
    }
    for (const note of exported.notes) process.stderr.write(`note: ${note}\n`);
    if (values.output === undefined) process.stdout.write(exported.yaml);
    else writeAtomically(values.output, exported.yaml);
    return Promise.resolve(0);
  },
};

function parseVolumeClaim(pair: string): { source: string; claim: string } {
  const equals = pair.lastIndexOf('=');
  if (equals <= 0 || equals === pair.length - 1)
    throw new UsageError(`export: --volume-claim "${pair}" is not SOURCE=PVC`);
  return { source: pair.slice(0, equals), claim: pair.slice(equals + 1) };
}

/** One line per problem, exit 2; anything else is not the user's doing (and reaches main's internal error). */
function reportError(error: unknown, file: string): number {
  if (error instanceof InvalidWorkflowError) {
    for (const diagnostic of error.diagnostics)
      process.stderr.write(`${formatDiagnosticLine(file, diagnostic)}\n`);
    return 2;
  }
  if (error instanceof ExportError) {
    for (const problem of error.problems) process.stderr.write(`dagger-wf: ${problem}\n`);
    return 2;
  }
  if (error instanceof RunSetupError) {
    process.stderr.write(`dagger-wf: ${error.message}\n`);
    return 2;
  }
  throw error;
}

/** Write through a temporary file and a rename, so OUT is either the whole manifest or left as it was. */
function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(resolve(path)), `.${process.pid}.dagger-wf-export.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`export: cannot write ${path}: ${describeFileError(error)}`);
  }
}
