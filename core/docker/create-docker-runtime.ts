import Docker from 'dockerode';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ContainerRuntime, ContainerSummary } from '../run/runtime.js';
import { EngineUnreachableError } from '../run/run-errors.js';
import { parseDockerHost } from './docker-address.js';
import { ignoringGone, messageOf, statusOf } from './docker-errors.js';
import { EngineWatch } from './engine-watch.js';
import { pullImage } from './pull-image.js';
import { startDockerContainer } from './start-docker-container.js';
import { dockerShellRuntime } from './docker-shell-runtime.js';
import type { ShellRuntime } from '../shell/shell-runtime.js';

export interface DockerRuntimeOptions {
  /** `unix:///path`, a socket path or `tcp://host:port`; default `DOCKER_HOST`, else /var/run/docker.sock. */
  dockerHost?: string;
  /** The folder of the config.json holding registry credentials; default `DOCKER_CONFIG`, else ~/.docker. */
  dockerConfigDir?: string;
}

/** A ContainerRuntime on a Docker engine, which its owner disposes of once done with it. */
export interface DockerRuntime extends ContainerRuntime, ShellRuntime {
  /**
   * Abort every call still waiting on the engine and close its connections, so that a process whose run has
   * ended (say, after a forced cancel on a frozen engine) is not kept alive by them.
   */
  dispose(): void;
}

/** How long the engine may take to answer a ping (by default) before it counts as unreachable. */
const PING_TIMEOUT_MS = 5000;

/**
 * The runner's ContainerRuntime on a Docker engine, through dockerode (the only module that imports it).
 * Every call of a run goes through an EngineWatch, so none can wait forever on an engine that was killed,
 * restarted or frozen: they fail with EngineLostError instead.
 */
export function createDockerRuntime(options: DockerRuntimeOptions = {}): DockerRuntime {
  const address = parseDockerHost(options.dockerHost);
  const newAgent = (keepAlive: boolean) =>
    address.options.protocol === 'https' ? new HttpsAgent({ keepAlive }) : new HttpAgent({ keepAlive });
  const agent = newAgent(true);
  const docker = new Docker(withAgent(address.options, agent));
  // Health pings use a connection of their own each time: a pooled one still works while a stopping engine
  // has already closed its socket to new ones.
  const pingAgent = newAgent(false);
  const pinger = new Docker(withAgent(address.options, pingAgent));
  const watch = new EngineWatch(address.display, (signal) => pingWithSignal(pinger, signal));
  const labelFilter = (labels: Record<string, string>) =>
    JSON.stringify({ label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) });

  const listContainers = async (labels: Record<string, string>): Promise<ContainerSummary[]> => {
    const found = await watch.call((abortSignal) =>
      docker.listContainers({ all: true, filters: labelFilter(labels), abortSignal }),
    );
    return found.map((info) => ({ id: info.Id, labels: info.Labels, state: info.State }));
  };

  return {
    ...watchedShellRuntime(dockerShellRuntime(docker), watch),
    address: address.display,
    async ping(timeoutMs = PING_TIMEOUT_MS) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        await pingWithSignal(pinger, controller.signal);
      } catch (error) {
        const detail = controller.signal.aborted
          ? `no answer within ${timeoutMs / 1000} s`
          : messageOf(error);
        throw new EngineUnreachableError(address.display, detail);
      } finally {
        clearTimeout(timer);
      }
    },
    async hasImage(image) {
      try {
        // dockerode passes no abort signal for an image inspect: the watch still stops waiting for it.
        await watch.call(() => docker.getImage(image).inspect());
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw error;
      }
    },
    pullImage: (image, onProgress, signal) =>
      watch.call((lost) =>
        pullImage(docker, image, onProgress, {
          configDir: options.dockerConfigDir,
          signal: signal ? AbortSignal.any([signal, lost]) : lost,
        }),
      ),
    startContainer: (spec, onOutput) => startDockerContainer(docker, watch, spec, onOutput),
    listContainers,
    async removeContainers(labels) {
      const found = await listContainers(labels);
      await Promise.all(
        found.map((info) =>
          ignoringGone(() =>
            watch.call((abortSignal) => docker.getContainer(info.id).remove({ force: true, abortSignal })),
          ),
        ),
      );
      return found.length;
    },
    dispose() {
      watch.dispose();
      agent.destroy();
      pingAgent.destroy();
    },
  };
}

/** docker-modem takes an `agent` (whose sockets `dispose` destroys); dockerode's types leave it out. */
function withAgent(options: Docker.DockerOptions, agent: HttpAgent): Docker.DockerOptions {
  const withIt: Docker.DockerOptions & { agent: HttpAgent } = { ...options, agent };
  return withIt;
}

/** dockerode's ping honours an abort signal; its types leave the options out. */
async function pingWithSignal(docker: Docker, abortSignal: AbortSignal): Promise<void> {
  const ping = docker.ping.bind(docker) as unknown as (options: {
    abortSignal: AbortSignal;
  }) => Promise<unknown>;
  await ping({ abortSignal });
}

/**
 * The shell runtime's one-shot calls through the engine watch too: a run commits a failed step's filesystem and
 * prunes kept images at its end, and neither may hang on a frozen engine. (An open shell's attach is the user's
 * own session: it is left as it is.)
 */
function watchedShellRuntime(shells: ShellRuntime, watch: EngineWatch): ShellRuntime {
  return {
    ...shells,
    commitContainer: (...args) => watch.call(() => shells.commitContainer(...args)),
    findImages: (labels) => watch.call(() => shells.findImages(labels)),
    removeImages: (ids) => watch.call(() => shells.removeImages(ids)),
    createShellContainer: (spec) => watch.call(() => shells.createShellContainer(spec)),
  };
}
