import * as vscode from 'vscode';
import { join } from 'node:path';
import { readRun } from '../../core/run/history/list-runs.js';
import type { RunRequest } from './run-controller.js';

/** Asks for one secret input a recorded run did not keep; undefined when the user dismisses the box. */
export type AskSecret = (name: string, runId: string) => Thenable<string | undefined>;

/**
 * What "Rerun Failed Steps" on run `runId` starts, as `dagger-wf run --rerun RUN_ID --failed` does: the recorded
 * run's workflow file, inputs, steps and env file, its succeeded steps offered for reuse. Secret inputs were never
 * stored, so each is asked again (and kept only in memory). Undefined when the run is gone or the user cancels.
 */
export async function rerunFailedRequest(
  historyDir: string,
  runId: string,
  askSecret: AskSecret = askSecretInput,
): Promise<RunRequest | undefined> {
  const run = /^[\w.-]+$/.test(runId) ? readRun(join(historyDir, runId)) : undefined;
  if (!run) {
    void vscode.window.showErrorMessage(
      `Dagger Workflows: run ${runId} is no longer in the run history: nothing to rerun.`,
    );
    return undefined;
  }
  const stored = run.request ?? { inputs: {}, secret_inputs: [] };
  const inputs = { ...stored.inputs };
  for (const name of stored.secret_inputs) {
    const value = await askSecret(name, runId);
    if (value === undefined) return undefined;
    inputs[name] = value;
  }
  return {
    workflowFile: run.workflowFile,
    inputs,
    ...(stored.steps ? { onlySteps: stored.steps } : {}),
    ...(stored.env_file ? { envFile: stored.env_file } : {}),
    reuseFrom: run,
  };
}

function askSecretInput(name: string, runId: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Rerun Failed Steps: ${name}`,
    prompt: `Secret input "${name}" of run ${runId} was not stored: enter it again.`,
    password: true,
    ignoreFocusOut: true,
  });
}
