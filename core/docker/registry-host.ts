/**
 * Which registry an image comes from, and which config.json keys name that registry — as the docker CLI
 * reads them, so a `docker login` made for the CLI works here unchanged.
 */

/** The registry an image without a host comes from. */
const DOCKER_HUB = 'docker.io';

/** The key `docker login` writes for Docker Hub (auths, credential helpers). */
const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';

/** Host names that mean Docker Hub in an image reference or a config key. */
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io']);

/**
 * The registry host of an image reference: its first path part when that looks like a host (a dot or a
 * port, or `localhost`, or an uppercase letter, as the engine decides), else Docker Hub.
 */
export function registryOfImage(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return DOCKER_HUB;
  const first = image.slice(0, slash);
  const isHost = /[.:[]/.test(first) || first === 'localhost' || first !== first.toLowerCase();
  if (!isHost) return DOCKER_HUB;
  return DOCKER_HUB_ALIASES.has(first.toLowerCase()) ? DOCKER_HUB : first;
}

/**
 * The registry host a config.json key stands for: `https://registry.example.com/v2/`,
 * `registry.example.com/some/path` and `registry.example.com` all name `registry.example.com`; Docker Hub's
 * keys (`https://index.docker.io/v1/`, `docker.io`, `index.docker.io`) name `docker.io`.
 */
export function registryOfConfigKey(key: string): string {
  const withoutScheme = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = withoutScheme.split('/')[0] ?? '';
  return DOCKER_HUB_ALIASES.has(host.toLowerCase()) ? DOCKER_HUB : host;
}

/** The key the docker CLI looks up first for a registry, and hands a credential helper on stdin. */
export function configKeyOfRegistry(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
}

/** The command that stores credentials for `registry` (Docker Hub needs no argument). */
export function loginCommand(registry: string): string {
  return registry === DOCKER_HUB ? 'docker login' : `docker login ${registry}`;
}
