/** A workflow run under the debug controller on the fake runtime, with its stops collected. */
import { DebugController, type DebugStop } from '../../../core/debug/debug-controller.js';
import { debugTargetOf } from '../../../core/debug/debug-target.js';
import { parseWorkflow } from '../../../core/parse/parse-workflow.js';
import type { RunOptions } from '../../../core/run/run-workflow.js';
import type { FakeScript } from './fake-container-runtime.js';
import { startOnFake, until, type FakeRun } from './run-on-fake.js';

export interface DebuggedRun extends FakeRun {
  controller: DebugController;
  stops: DebugStop[];
  console: string[];
  /** Resolves with the next stop not yet awaited. */
  nextStop(): Promise<DebugStop>;
}

export function debugOnFake(
  text: string,
  scripts: Record<string, FakeScript> = {},
  setup: (controller: DebugController) => void = () => undefined,
  options: Partial<RunOptions> & { stopOnEntry?: boolean } = {},
): DebuggedRun {
  const stops: DebugStop[] = [];
  const console: string[] = [];
  const controller = new DebugController(debugTargetOf(parseWorkflow(text)), options, {
    stopped: (stop) => stops.push(stop),
    output: (line) => console.push(line),
  });
  setup(controller);
  const run = startOnFake(text, scripts, { ...options, hooks: controller.hooks() });
  run.handle.onEvent((event) => controller.handleEvent(event));
  controller.attach({ rerunSteps: (ids) => run.handle.rerunSteps(ids), cancel: () => run.handle.cancel() });
  let seen = 0;
  return {
    ...run,
    controller,
    stops,
    console,
    nextStop: async () => {
      await until(() => stops.length > seen, `stop #${seen + 1}`);
      const stop = stops[seen++];
      if (!stop) throw new Error('no stop');
      return stop;
    },
  };
}
