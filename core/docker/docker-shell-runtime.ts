import type Docker from 'dockerode';
import { SHELL_PROGRAM, type KeptImage, type ShellRuntime } from '../shell/shell-runtime.js';
import { attachShell, processShellIo } from './attach-shell.js';
import { messageOf } from './docker-errors.js';
import { bindMounts } from './start-docker-container.js';

/** The ShellRuntime on a Docker engine (commit, kept images, shell containers). */
export function dockerShellRuntime(docker: Docker): ShellRuntime {
  const labelFilter = (labels: Record<string, string>) =>
    JSON.stringify({ label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) });
  return {
    async commitContainer(containerId, labels, blankEnv) {
      // The body's config is merged over the container's: its labels are added, and each blanked variable
      // replaces the container's value (so a secret never lands in the image).
      const committed = (await docker.getContainer(containerId).commit({
        _query: { container: containerId, pause: false, comment: 'dagger-wf: filesystem of a failed step' },
        _body: { Labels: labels, Env: blankEnv.map((name) => `${name}=`) },
      })) as { Id: string };
      return committed.Id;
    },
    async findImages(labels): Promise<KeptImage[]> {
      const images = await docker.listImages({ filters: labelFilter(labels) });
      return images
        .sort((a, b) => b.Created - a.Created)
        .map((image) => ({ id: image.Id, labels: image.Labels ?? {} }));
    },
    async removeImages(ids) {
      let removed = 0;
      for (const id of ids) {
        try {
          await docker.getImage(id).remove({ force: true });
          removed++;
        } catch (error) {
          // Gone already, or still used by a shell that is open: the next prune takes it.
          void messageOf(error);
        }
      }
      return removed;
    },
    async createShellContainer(spec) {
      const container = await docker.createContainer({
        Image: spec.image,
        Entrypoint: [SHELL_PROGRAM],
        Cmd: [],
        Env: Object.entries(spec.env).map(([name, value]) => `${name}=${value}`),
        Labels: spec.labels,
        Tty: spec.tty ?? true,
        OpenStdin: true,
        StdinOnce: true,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        HostConfig: { Mounts: bindMounts(spec.mounts) },
      });
      return container.id;
    },
    attachShell: (containerId, io) => attachShell(docker, containerId, io ?? processShellIo()),
  };
}
