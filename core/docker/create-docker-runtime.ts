import Docker from 'dockerode';
import type { ContainerRuntime, ContainerSummary } from '../run/runtime.js';
import { EngineUnreachableError } from '../run/run-errors.js';
import { parseDockerHost } from './docker-address.js';
import { ignoringGone, messageOf, statusOf } from './docker-errors.js';
import { pullImage } from './pull-image.js';
import { startDockerContainer } from './start-docker-container.js';
import { dockerShellRuntime } from './docker-shell-runtime.js';
import type { ShellRuntime } from '../shell/shell-runtime.js';

export { EngineUnreachableError, ImagePullError } from '../run/run-errors.js';

export interface DockerRuntimeOptions {
  /** `unix:///path`, a socket path or `tcp://host:port`; default `DOCKER_HOST`, else /var/run/docker.sock. */
  dockerHost?: string;
  /** The folder of the config.json holding registry credentials; default `DOCKER_CONFIG`, else ~/.docker. */
  dockerConfigDir?: string;
}

/** How long the engine may take to answer a ping before it counts as unreachable. */
const PING_TIMEOUT_MS = 5000;

/** The runner's ContainerRuntime on a Docker engine, through dockerode (the only module that imports it). */
export function createDockerRuntime(options: DockerRuntimeOptions = {}): ContainerRuntime & ShellRuntime {
  const address = parseDockerHost(options.dockerHost);
  const docker = new Docker(address.options);
  const labelFilter = (labels: Record<string, string>) =>
    JSON.stringify({ label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) });

  const listContainers = async (labels: Record<string, string>): Promise<ContainerSummary[]> => {
    const found = await docker.listContainers({ all: true, filters: labelFilter(labels) });
    return found.map((info) => ({ id: info.Id, labels: info.Labels, state: info.State }));
  };

  return {
    ...dockerShellRuntime(docker),
    address: address.display,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`)),
          PING_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([docker.ping(), timeout]);
      } catch (error) {
        throw new EngineUnreachableError(address.display, messageOf(error));
      } finally {
        clearTimeout(timer);
      }
    },
    async hasImage(image) {
      try {
        await docker.getImage(image).inspect();
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw error;
      }
    },
    pullImage: (image, onProgress, signal) =>
      pullImage(docker, image, onProgress, { configDir: options.dockerConfigDir, signal }),
    startContainer: (spec, onOutput) => startDockerContainer(docker, spec, onOutput),
    listContainers,
    async removeContainers(labels) {
      const found = await listContainers(labels);
      await Promise.all(
        found.map((info) => ignoringGone(() => docker.getContainer(info.id).remove({ force: true }))),
      );
      return found.length;
    },
  };
}
