import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readRun, type RunSummary } from '../core/run/history/list-runs.js';
import { UsageError } from './command.js';

/** What `--rerun RUN_ID` takes from the recorded run: its file, inputs (secret ones asked again) and steps. */
export interface RerunRequest {
  run: RunSummary;
  workflowFile: string;
  inputs: Record<string, string>;
  steps?: string[];
  envFile?: string;
}

/**
 * The recorded run `runId` in `historyDir` and what to run again. Secret inputs were never stored: they come from
 * `--input`, else are asked for on a terminal, else the rerun is refused naming them.
 */
export async function rerunRequest(
  historyDir: string,
  runId: string,
  given: Record<string, string>,
): Promise<RerunRequest> {
  if (!/^[\w.-]+$/.test(runId)) throw new UsageError(`run: --rerun "${runId}" is not a run id`);
  const run = readRun(join(historyDir, runId));
  if (!run) throw new UsageError(`run: no run ${runId} in ${historyDir}`);
  const request = run.request ?? { inputs: {}, secret_inputs: [] };
  const inputs = { ...request.inputs, ...given };
  const missing = request.secret_inputs.filter((name) => !Object.hasOwn(inputs, name));
  for (const name of missing) {
    if (!process.stdin.isTTY)
      throw new UsageError(
        `run: secret input "${name}" of run ${runId} is not stored: pass it again with --input ${name}=…`,
      );
    inputs[name] = await askHidden(`secret input ${name}: `);
  }
  return {
    run,
    workflowFile: run.workflowFile,
    inputs,
    ...(request.steps ? { steps: request.steps } : {}),
    ...(request.env_file ? { envFile: request.env_file } : {}),
  };
}

/** Read one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    // A terminal interface without an output: the line is read in raw mode and echoed nowhere.
    const reader = createInterface({ input: process.stdin, terminal: true });
    reader.question('', (answer) => {
      reader.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
