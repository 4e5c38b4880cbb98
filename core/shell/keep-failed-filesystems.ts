import type { ContainerExit, ContainerRuntime, RunningContainer } from '../run/runtime.js';
import { OUTPUT_FILE_IN_CONTAINER } from '../run/run-step.js';
import { LABEL_KEPT, LABEL_MOUNTS, LABEL_SECRET_ENV, type ShellRuntime } from './shell-runtime.js';

export interface KeepOptions {
  shells: ShellRuntime;
  /** Extra labels of kept images (the history folder they belong to, a debug session). */
  labels: Record<string, string>;
  /** Values that are secrets: variables holding one are blanked in the kept image. */
  secrets: readonly string[];
  /** True once the run is cancelled: a cancelled run keeps nothing. */
  isCancelled: () => boolean;
}

/**
 * A runtime that keeps the filesystem of every attempt that failed: before its container is removed (docs/run-semantics.md:
 * every container is removed once its attempt ends, and it still is) it is committed to a labelled image, from which
 * `dagger-wf shell` and the debugger open a shell. Cancelled runs keep nothing. Only the last failed attempt of a
 * step is kept. A commit that fails (a full disk) loses the shell, never the run.
 */
export function keepFailedFilesystems(runtime: ContainerRuntime, options: KeepOptions): ContainerRuntime {
  const secrets = options.secrets.filter((secret) => secret.length >= 3);
  return {
    address: runtime.address,
    // Every argument passed on: a forced cancel pings with its own short timeout, a cancel aborts the pull.
    ping: (timeoutMs) => runtime.ping(timeoutMs),
    hasImage: (image) => runtime.hasImage(image),
    pullImage: (image, onProgress, signal) => runtime.pullImage(image, onProgress, signal),
    listContainers: (labels) => runtime.listContainers(labels),
    removeContainers: (labels) => runtime.removeContainers(labels),
    async startContainer(spec, onOutput) {
      const container = await runtime.startContainer(spec, onOutput);
      let exit: ContainerExit | undefined;
      container.exited.then((value) => (exit = value)).catch(() => undefined);
      const keep = async (): Promise<void> => {
        if (!exit || exit.exitCode === 0 || options.isCancelled()) return;
        const step = Object.fromEntries(
          Object.entries(spec.labels).filter(([key]) => key === 'dagger-wf.run' || key === 'dagger-wf.step'),
        );
        const previous = await options.shells.findImages({ ...step, [LABEL_KEPT]: 'failed-step' });
        const blank = Object.entries(spec.env)
          .filter(([, value]) => secrets.some((secret) => value.includes(secret)))
          .map(([name]) => name);
        const mounts = spec.mounts.filter((mount) => mount.target !== OUTPUT_FILE_IN_CONTAINER);
        await options.shells.commitContainer(
          container.id,
          {
            ...step,
            ...options.labels,
            [LABEL_KEPT]: 'failed-step',
            [LABEL_SECRET_ENV]: blank.join(','),
            [LABEL_MOUNTS]: JSON.stringify(mounts),
          },
          [...blank, 'DAGGER_OUTPUT'],
        );
        await options.shells.removeImages(previous.map((image) => image.id));
      };
      const wrapped: RunningContainer = {
        ...container,
        remove: () =>
          keep()
            .catch(() => undefined)
            .then(() => container.remove()),
      };
      return wrapped;
    },
  };
}
