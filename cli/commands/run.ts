import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLError } from 'yaml';
import { defaultHistoryDir } from '../../core/run/history/default-history-dir.js';
import { describeFileError } from '../../core/parse/describe-file-error.js';
import { createDockerRuntime, type DockerRuntime } from '../../core/docker/create-docker-runtime.js';
import { MAX_LOG_LINE_CHARS, MAX_STEP_LOG_BYTES } from '../../core/run/log-limits.js';
import { MAX_RUN_OUTPUT_BYTES, MAX_STEP_OUTPUT_BYTES } from '../../core/run/output-limits.js';
import { formatBytes } from '../../core/run/format-bytes.js';
import {
  EngineLostError,
  EngineUnreachableError,
  InvalidWorkflowError,
  RunSetupError,
} from '../../core/run/run-errors.js';
import type { RunFault, RunResult } from '../../core/run/run-result.js';
import { startRun, type RunHandle } from '../../core/run/run-workflow.js';
import { validateWorkflow } from '../../core/validate/validate-workflow.js';
import type { Workflow } from '../../core/model/workflow.js';
import { readWorkflowFile } from '../../core/parse/read-workflow-file.js';
import { parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { formatDiagnosticLine } from '../print-diagnostics.js';
import { formatOutputs } from '../print-outputs.js';
import { LiveProgressView } from '../print-progress-tty.js';
import { ProgressLines, summaryLines } from '../print-progress.js';
import { CacheStore } from '../../core/cache/cache-store.js';
import { defaultCacheDir } from '../../core/cache/default-cache-dir.js';
import { reusableRun } from '../../core/cache/reusable-run.js';
import { StepCache } from '../../core/cache/step-cache.js';
import { rerunRequest } from '../rerun-request.js';
import { parseInputPairs } from '../parse-input-pairs.js';
import { verdictLines } from '../print-cache-verdicts.js';
import { firstLine } from '../../core/parse/first-line.js';

const HELP = `Usage: dagger-wf run FILE [--input name=value]… [--input-file FILE] [--env-file FILE]
                     [--max-parallel N] [--step ID]… [--json] [--no-history]
                     [--no-cache] [--refresh STEP]…
       dagger-wf run --rerun RUN_ID [--failed] [--input name=value]… [--json]

Run a workflow on the local Docker engine (DOCKER_HOST, else /var/run/docker.sock). A step starts as soon
as its dependencies have succeeded. Progress goes to stderr; the workflow outputs (name=value lines, and
name<<EOF … EOF for multi-line values), or with --json the whole result, go to stdout.

Options:
  --input name=value   a workflow input (repeatable; wins over --input-file)
  --input-file FILE    inputs as a YAML or JSON mapping of name: value
  --env-file FILE      variables for \${NAME} (default: .env beside the workflow, when present);
                       host variables win; its values (3+ characters) are masked as *** in output
  --max-parallel N     at most N steps at once (default: number of CPUs)
  --step ID            run only this step and what it depends on (repeatable)
  --json               print the result as one JSON object on stdout:
                       { status, outputs, steps: { <id>: { status, exit_code, attempts,
                         started_at, finished_at, outputs, reason? } } }
  --no-history         keep no run folder (default: $XDG_STATE_HOME/dagger-wf/runs/<run id>,
                       else ~/.local/state/dagger-wf/runs/<run id>, with run.json and <step>.log)
  --history-dir DIR    keep run folders in DIR instead
  --no-cache           neither use nor store step cache entries (steps with cache: true)
  --refresh STEP       run this cached step even on a hit, and store its new result (repeatable)
  --cache-dir DIR      the step cache (default: $DAGGER_WF_CACHE_DIR, else ~/.cache/dagger-wf/steps)
  --rerun RUN_ID       run the workflow file of an earlier run again, with its inputs (secret
                       inputs are never stored: pass them again with --input, or type them)
  --failed             with --rerun: reuse the steps that succeeded (unless their cache key changed
                       since), run the failed, timed-out, cancelled, skipped and interrupted ones
  -h, --help           show this help

Ctrl-C stops and removes the run's containers; press it again to force (kill them, and wait for the
engine only while it answers within 2 s).

Limits: a step may write ${formatBytes(MAX_STEP_OUTPUT_BYTES)} to $DAGGER_OUTPUT, a run ${formatBytes(MAX_RUN_OUTPUT_BYTES)} in all (over it, the step
fails); a step's log keeps its first ${formatBytes(MAX_STEP_LOG_BYTES)}; output lines longer than ${formatBytes(MAX_LOG_LINE_CHARS)} are cut in the
progress shown here (not in the log).

Exit codes: 0 succeeded; 1 run failed; 2 invalid workflow or usage; 3 engine unreachable, or lost during
the run (killed, restarted, or silent for 30 s); 130 cancelled.`;

const EXIT_CODE: Record<RunResult['status'], number> = { succeeded: 0, failed: 1, cancelled: 130 };

const ENGINE_HINT = 'is dockerd running? DOCKER_HOST selects another engine';

/** `dagger-wf run`: argument parsing, progress and exit codes; the run itself is core/run's startRun. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a workflow on the local Docker engine',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('run', argv, {
      input: { type: 'string', multiple: true },
      'input-file': { type: 'string' },
      'env-file': { type: 'string' },
      'max-parallel': { type: 'string' },
      step: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      'no-history': { type: 'boolean' },
      'history-dir': { type: 'string' },
      'no-cache': { type: 'boolean' },
      refresh: { type: 'string', multiple: true },
      'cache-dir': { type: 'string' },
      rerun: { type: 'string' },
      failed: { type: 'boolean' },
    });
    const historyDir = resolve(values['history-dir'] ?? defaultHistoryDir());
    const given = { ...readInputFile(values['input-file']), ...parseInputPairs('run', values.input ?? []) };
    const rerun =
      values.rerun === undefined ? undefined : await rerunRequest(historyDir, values.rerun, given);
    if (values.failed && !rerun) throw new UsageError('run: --failed needs --rerun RUN_ID');
    const file = rerun?.workflowFile ?? positionals[0];
    if (file === undefined || positionals.length !== (rerun ? 0 : 1)) {
      throw new UsageError(
        rerun
          ? `run: --rerun takes the workflow FILE from run ${rerun.run.runId}; give no FILE`
          : `run: expected one workflow FILE, got ${positionals.length} (see dagger-wf run --help)`,
      );
    }
    printWarnings(file);
    const inputs = rerun?.inputs ?? given;
    let runtime: DockerRuntime;
    try {
      runtime = createDockerRuntime();
    } catch (error) {
      return reportSetupError(error, file);
    }
    const stepCache = new StepCache({
      store: new CacheStore(resolve(values['cache-dir'] ?? defaultCacheDir())),
      workflowFile: file,
      imageDigest: (image) => runtime.imageId(image),
      noCache: values['no-cache'],
      refresh: values.refresh,
      reuse: rerun && values.failed ? reusableRun(rerun.run) : undefined,
    });
    const envFile = values['env-file'] ?? rerun?.envFile;
    const handle = startRun({
      workflowFile: resolve(file),
      inputs,
      envFile: envFile === undefined ? undefined : resolve(envFile),
      maxParallel: parseMaxParallel(values['max-parallel']),
      onlySteps: values.step ?? rerun?.steps,
      runtime,
      historyDir: values['no-history'] ? undefined : historyDir,
      // A failed step's filesystem stays for `dagger-wf shell` as long as its run folder does.
      keepFailed: values['no-history'] ? undefined : { shells: runtime },
      hooks: stepCache.hooks,
      parentRunId: rerun?.run.runId,
    });
    handle.onEvent(stepCache.listener);
    if (handle.historyPath) stepCache.recordKeysIn(handle.historyPath);
    const began = Date.now();
    const progress = showProgress(handle);
    const stopSignals = cancelOnSignals(handle, progress);
    let fault: RunFault | undefined;
    handle.onEvent((event) => {
      if (event.type === 'runFinished') fault = event.fault;
    });
    try {
      const result = await handle.result;
      progress.stop();
      const cacheLines = verdictLines(stepCache.verdicts);
      const summary = [
        ...cacheLines,
        ...summaryLines(result, Date.now() - began, handle.historyPath, handle.historyProblem),
      ];
      process.stderr.write(`${summary.join('\n')}\n`);
      if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(formatOutputs(result.outputs));
      if (fault?.kind === 'engine-lost') {
        process.stderr.write(`dagger-wf: ${fault.message} (${ENGINE_HINT})\n`);
        return 3;
      }
      return EXIT_CODE[result.status];
    } catch (error) {
      progress.stop();
      return reportSetupError(error, file);
    } finally {
      stopSignals();
      // Nothing may keep the process alive now: not a call still waiting on a frozen engine.
      runtime.dispose();
    }
  },
};

/** Warnings do not stop a run, but the user should see them (errors come back from the runner). */
function printWarnings(file: string): void {
  let workflow: Workflow;
  try {
    workflow = readWorkflowFile(file);
  } catch {
    return;
  }
  for (const diagnostic of validateWorkflow(workflow)) {
    if (diagnostic.severity !== 'error') process.stderr.write(`${formatDiagnosticLine(file, diagnostic)}\n`);
  }
}

/** One clear line per problem and the exit code docs/cli.md gives it; anything else is not the user's doing. */
function reportSetupError(error: unknown, file: string): number {
  if (error instanceof InvalidWorkflowError) {
    for (const diagnostic of error.diagnostics)
      process.stderr.write(`${formatDiagnosticLine(file, diagnostic)}\n`);
    return 2;
  }
  if (error instanceof RunSetupError) {
    process.stderr.write(`dagger-wf: ${error.message}\n`);
    return 2;
  }
  if (error instanceof EngineUnreachableError || error instanceof EngineLostError) {
    process.stderr.write(`dagger-wf: ${error.message} (${ENGINE_HINT})\n`);
    return 3;
  }
  throw error;
}

/** Where progress goes: notes (such as "cancelling") pass through it so the live view stays intact. */
interface Progress {
  note(line: string): void;
  stop(): void;
}

function showProgress(handle: RunHandle): Progress {
  if (process.stderr.isTTY) {
    const view = new LiveProgressView(process.stderr);
    handle.onEvent((event) => view.handle(event));
    return { note: (line) => view.note(line), stop: () => view.close() };
  }
  const lines = new ProgressLines();
  handle.onEvent((event) => {
    const text = lines.linesFor(event);
    if (text.length) process.stderr.write(`${text.join('\n')}\n`);
  });
  return { note: (line) => process.stderr.write(`${line}\n`), stop: () => undefined };
}

/** First SIGINT/SIGTERM/SIGHUP: stop and remove the run's containers; second: kill them at once. */
function cancelOnSignals(handle: RunHandle, progress: Progress): () => void {
  let count = 0;
  const onSignal = () => {
    count++;
    if (count === 1) progress.note('dagger-wf: cancelling: stopping the containers… (Ctrl-C again to force)');
    else progress.note('dagger-wf: forcing: killing the containers');
    handle.cancel({ force: count > 1 });
  };
  // SIGHUP: the terminal was closed; by default it would end the process and leave the containers running.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}

function readInputFile(path: string | undefined): Record<string, string> {
  if (path === undefined) return {};
  let data: unknown;
  try {
    // failsafe: every scalar as written (`version: 1.10` stays "1.10", `0x1F` stays "0x1F").
    data = parseYaml(readFileSync(path, 'utf8'), { schema: 'failsafe' });
  } catch (error) {
    const reason = error instanceof YAMLError ? firstLine(error.message) : describeFileError(error);
    throw new UsageError(`run: cannot read --input-file ${path}: ${reason}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`run: --input-file ${path} is not a mapping of name: value`);
  return Object.fromEntries(
    Object.entries(data).map(([name, value]) => {
      if (value !== null && typeof value === 'object')
        throw new UsageError(`run: --input-file ${path}: input "${name}" is not a scalar`);
      return [name, String(value ?? '')];
    }),
  );
}

function parseMaxParallel(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`run: --max-parallel "${text}" is not a whole number ≥ 1`);
  return value;
}
