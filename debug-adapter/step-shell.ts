import type { DebugController } from '../core/debug/debug-controller.js';
import { LABEL_RUN, LABEL_STEP } from '../core/run/sweep-orphans.js';
import { LABEL_KEPT, LABEL_SHELL, type ShellRuntime } from '../core/shell/shell-runtime.js';

/** A shell container ready to be attached in a terminal, and what to say about it. */
export interface PreparedShell {
  containerId: string;
  title: string;
  banner: string;
}

/**
 * Create the shell container of a step: for a step that has not started, a fresh container from its image with
 * its environment and mounts; for a failed step, a container from its kept filesystem (committed before its
 * container was removed). Labelled with the run, so ending the session removes it.
 */
export async function prepareStepShell(
  shells: ShellRuntime,
  controller: DebugController,
  runId: string,
  stepId: string,
): Promise<PreparedShell> {
  const record = controller.records.get(stepId);
  const spec = record.about?.spec;
  if (!spec) throw new Error(`"${stepId}" has not reached the point where its values are known.`);
  const labels = { [LABEL_RUN]: runId, [LABEL_STEP]: stepId, [LABEL_SHELL]: 'debug' };
  const open = async (image: string, title: string, banner: string): Promise<PreparedShell> => {
    const containerId = await shells.createShellContainer({
      image,
      env: spec.env,
      mounts: spec.mounts,
      labels,
    });
    return {
      containerId,
      title: `Shell: ${stepId} (${title})`,
      banner: `${banner} Changes are discarded on exit.`,
    };
  };
  if (record.state === 'waiting') {
    const banner = `A shell in a fresh container of step "${stepId}" (its image, environment and volumes); it has not run yet.`;
    return open(spec.image, 'before it starts', banner);
  }
  if (record.state === 'failed' || record.state === 'timed_out') {
    const kept = { [LABEL_RUN]: runId, [LABEL_STEP]: stepId, [LABEL_KEPT]: 'failed-step' };
    const [image] = await shells.findImages(kept);
    if (!image)
      throw new Error(`The filesystem of "${stepId}" was not kept (the engine could not commit it).`);
    const banner = `A shell in the filesystem step "${stepId}" left when it failed, with its environment and volumes.`;
    return open(image.id, 'as it failed', banner);
  }
  throw new Error(
    `"${stepId}" is ${record.state}: a shell opens in a step paused before it starts, or one that failed.`,
  );
}
