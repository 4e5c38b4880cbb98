import { resolve } from 'node:path';
import { CacheStore } from '../../core/cache/cache-store.js';
import { defaultCacheDir } from '../../core/cache/default-cache-dir.js';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import { planRun, type RunPlan } from '../../core/plan/plan-run.js';
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

/** The plan as text: stages, then per step its values and cache verdict. */
export function planLines(plan: RunPlan): string[] {
  const lines = [`plan of ${plan.workflow} (${plan.file}): ${plan.stages.length} stage(s)`];
  if (plan.missing.variables.length) lines.push(`missing variables: ${plan.missing.variables.join(', ')}`);
  for (const problem of plan.missing.inputs) lines.push(`inputs: ${problem}`);
  plan.stages.forEach((ids, index) => {
    lines.push('', `stage ${index + 1}: ${ids.join(', ')}`);
    for (const id of ids) {
      const step = plan.steps[id];
      if (!step) continue;
      const { limits, cache } = step;
      lines.push(`  ${id}${step.depends_on.length ? ` (after ${step.depends_on.join(', ')})` : ''}`);
      lines.push(`    image:   ${step.image}`);
      lines.push(`    command: ${step.command ? JSON.stringify(step.command) : '(the image default)'}`);
      for (const [name, value] of Object.entries(step.environment))
        lines.push(`    env:     ${name}=${value}`);
      for (const mount of step.mounts)
        lines.push(`    mount:   ${mount.source} -> ${mount.target}${mount.read_only ? ' (read-only)' : ''}`);
      const resources = [
        limits.cpu && `cpu ${limits.cpu}`,
        limits.memory && `memory ${limits.memory}`,
      ].filter(Boolean);
      lines.push(
        `    limits:  ${[...resources, `timeout ${limits.timeout_seconds} s`, `retries ${limits.retries}`].join(', ')}`,
      );
      lines.push(`    cache:   ${cache.verdict}${cache.reason ? `: ${cache.reason}` : ''}`);
      for (const problem of step.problems ?? []) lines.push(`    problem: ${problem}`);
    }
  });
  return lines;
}
