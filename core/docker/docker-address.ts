import type { DockerOptions } from 'dockerode';
import { EngineAddressError } from '../run/run-errors.js';

/** Where the engine listens, as dockerode wants it and as messages should name it. */
export interface DockerAddress {
  options: DockerOptions;
  /** `unix:///var/run/docker.sock`, `tcp://10.0.0.2:2375`… */
  display: string;
}

/**
 * Read a Docker host in the forms `DOCKER_HOST` takes (`unix:///path`, `tcp://host:port`, `http(s)://…`)
 * or a bare socket path. Undefined means `DOCKER_HOST`, else the default socket. Any other form (ssh://,
 * a typo) throws EngineAddressError rather than guessing a TCP host.
 */
export function parseDockerHost(host: string | undefined = process.env.DOCKER_HOST): DockerAddress {
  const value = host?.trim() || 'unix:///var/run/docker.sock';
  if (value.startsWith('/')) return { options: { socketPath: value }, display: `unix://${value}` };
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length) || '/var/run/docker.sock';
    return { options: { socketPath }, display: `unix://${socketPath}` };
  }
  const asHttp = value.replace(/^tcp:\/\//, 'http://');
  const url = URL.canParse(asHttp) ? new URL(asHttp) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
    throw new EngineAddressError(
      `engine address "${value}" is not supported: use unix:///path/to/docker.sock, a socket path, tcp://host:port or https://host:port`,
    );
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port || (protocol === 'https' ? '2376' : '2375');
  return { options: { host: url.hostname, port, protocol }, display: `tcp://${url.hostname}:${port}` };
}
