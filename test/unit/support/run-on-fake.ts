/** Run a workflow text on the fake runtime and collect what happened. */
import type { RunEvent } from '../../../core/run/events.js';
import { startRun, type RunHandle, type RunOptions } from '../../../core/run/run-workflow.js';
import { FakeContainerRuntime, type FakeScript } from './fake-container-runtime.js';

/** A path no test creates: the workflow text is given, and no `.env` is found beside it. */
export const FAKE_WORKFLOW_FILE = '/nonexistent/dagger-wf-unit/workflow.dagger.yaml';

export interface FakeRun {
  handle: RunHandle;
  runtime: FakeContainerRuntime;
  events: RunEvent[];
}

/** Start `text` on a FakeContainerRuntime scripted by step id; nothing touches Docker. */
export function startOnFake(
  text: string,
  scripts: Record<string, FakeScript> = {},
  options: Partial<RunOptions> = {},
): FakeRun {
  const runtime = new FakeContainerRuntime(scripts);
  const handle = startRun({ workflowFile: FAKE_WORKFLOW_FILE, text, runtime, hostEnv: {}, ...options });
  const events: RunEvent[] = [];
  handle.onEvent((event) => events.push(event));
  return { handle, runtime, events };
}

/** Poll `condition` every few milliseconds until it holds; fail after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
