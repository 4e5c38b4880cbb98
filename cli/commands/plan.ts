import { resolve } from 'node:path';
import { CacheStore } from '../../core/cache/cache-store.js';
import { defaultCacheDir } from '../../core/cache/default-cache-dir.js';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import { planRun, type RunPlan } from '../../core/plan/plan-run.js';
import { planLines } from '../../core/plan/plan-lines.js';
import { InvalidWorkflowError, RunSetupError } from '../../core/run/run-errors.js';
import { parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { formatDiagnosticLine } from '../print-diagnostics.js';
import { parseInputPairs } from '../parse-input-pairs.js';

const HELP = `Usage: dagger-wf plan FILE [--input name=value]… [--env-file FILE] [--step ID]… [--json] [--no-cache]

What a run would do, starting no container: the stages (steps of a stage can run together), each step's
resolved image, command, environment (secrets as ***), mounts and limits, and its cache verdict with the
reason. Missing variables and inputs are listed (and shown as \${NAME}), not fatal.

Options:
  --input name=value   a workflow input (repeatable)
  --env-file FILE      variables for \${NAME} (default: .env beside the workflow, when present)
  --step ID            only this step and what it depends on (repeatable)
  --no-cache           as run --no-cache: no cache verdicts
  --cache-dir DIR      the step cache (default: $DAGGER_WF_CACHE_DIR, else ~/.cache/dagger-wf/steps)
  --json               print the plan as one JSON object on stdout
  -h, --help           show this help

Exit codes: 0 planned; 2 invalid workflow or usage.`;

/** `dagger-wf plan`: core/plan's planRun, printed. */
export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'show what a run would do (order, values, cache verdicts) without running',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('plan', argv, {
      input: { type: 'string', multiple: true },
      'env-file': { type: 'string' },
      step: { type: 'string', multiple: true },
      'no-cache': { type: 'boolean' },
      'cache-dir': { type: 'string' },
      json: { type: 'boolean' },
    });
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length)
      throw new UsageError(
        `plan: expected one workflow FILE, got ${positionals.length} (see dagger-wf plan --help)`,
      );
    let runtime: ReturnType<typeof createDockerRuntime> | undefined;
    try {
      runtime = createDockerRuntime();
    } catch {
      runtime = undefined;
    }
    let plan: RunPlan;
    try {
      plan = await planRun({
        workflowFile: resolve(file),
        inputs: parseInputPairs('plan', values.input ?? []),
        envFile: values['env-file'] === undefined ? undefined : resolve(values['env-file']),
        onlySteps: values.step,
        store: new CacheStore(resolve(values['cache-dir'] ?? defaultCacheDir())),
        // Without an engine no image can be digested: cached steps then say so.
        imageDigest: (image) => runtime?.imageId(image) ?? Promise.resolve(undefined),
        noCache: values['no-cache'],
      });
    } catch (error) {
      if (error instanceof InvalidWorkflowError) {
        for (const diagnostic of error.diagnostics)
          process.stderr.write(`${formatDiagnosticLine(file, diagnostic)}\n`);
        return 2;
      }
      if (error instanceof RunSetupError) {
        process.stderr.write(`dagger-wf: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
    process.stdout.write(
      values.json ? `${JSON.stringify(plan, null, 2)}\n` : `${planLines(plan).join('\n')}\n`,
    );
    return 0;
  },
};
