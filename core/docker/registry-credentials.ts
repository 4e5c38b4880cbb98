import { askCredentialHelper, type HelperCredentials } from './credential-helper.js';
import {
  dockerConfigPath,
  parseDockerConfig,
  readDockerConfig,
  type AuthsEntry,
  type DockerConfig,
} from './docker-config-file.js';
import { configKeyOfRegistry, registryOfConfigKey } from './registry-host.js';

/** The engine's `X-Registry-Auth` fields for one pull. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  serveraddress: string;
}

/** What was found for a registry, and where: `source` names it in messages, never a credential. */
export interface CredentialLookup {
  registry: string;
  /** Undefined when nothing holds credentials for the registry: the pull is anonymous. */
  auth?: RegistryAuth;
  /** Where the credentials came from, or where they were looked for in vain. */
  source: string;
}

export interface CredentialOptions {
  /** The folder holding config.json; default `DOCKER_CONFIG`, else `~/.docker`. */
  configDir?: string;
  /** For DOCKER_CONFIG, DOCKER_AUTH_CONFIG, HOME and the helpers' PATH; default process.env. */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/**
 * The credentials for `registry` (`docker.io` for Docker Hub), found the way the docker CLI finds them:
 * `DOCKER_AUTH_CONFIG` first; then the config file's credential helper for that registry (`credHelpers`),
 * else its `credsStore`, else its `auths`. A helper that fails fails the lookup (as `docker pull` does);
 * a helper that has nothing for the registry means an anonymous pull. Throws DockerConfigError or
 * CredentialHelperError with a one-line message.
 */
export async function findRegistryCredentials(
  registry: string,
  options: CredentialOptions = {},
): Promise<CredentialLookup> {
  const env = options.env ?? process.env;
  const fromEnv = env.DOCKER_AUTH_CONFIG
    ? parseDockerConfig(env.DOCKER_AUTH_CONFIG, 'DOCKER_AUTH_CONFIG')
    : undefined;
  const envEntry = fromEnv && entryFor(fromEnv.auths, registry)?.[1];
  if (envEntry && hasCredentials(envEntry))
    return { registry, auth: toAuth(envEntry, registry), source: 'DOCKER_AUTH_CONFIG' };

  const file = dockerConfigPath(env, options.configDir);
  const config = await readDockerConfig(file);
  if (!config) return { registry, source: `${file} (no such file)` };
  const helper = helperFor(config, registry);
  if (helper) {
    const program = `docker-credential-${helper.suffix}`;
    const source = `credential helper ${program} (${helper.setting} in ${file})`;
    const found = await askCredentialHelper(helper.suffix, configKeyOfRegistry(registry), {
      describe: `${source} for registry ${registry}`,
      env,
      signal: options.signal,
    });
    return found ? { registry, auth: toAuth(found, registry), source } : { registry, source };
  }
  const entry = entryFor(config.auths, registry)?.[1];
  return entry && hasCredentials(entry)
    ? { registry, auth: toAuth(entry, registry), source: `auths in ${file}` }
    : { registry, source: file };
}

/** The helper that answers for `registry`: its own in credHelpers, else credsStore, else none. */
function helperFor(config: DockerConfig, registry: string): { suffix: string; setting: string } | undefined {
  const own = entryFor(config.credHelpers, registry);
  // As the CLI: a registry mapped to "" uses the auths entries, not credsStore.
  if (own) return own[1] ? { suffix: own[1], setting: `credHelpers["${own[0]}"]` } : undefined;
  return config.credsStore ? { suffix: config.credsStore, setting: 'credsStore' } : undefined;
}

/**
 * The key and value for the registry's own key (`localhost:5000`, or Docker Hub's
 * `https://index.docker.io/v1/`), else for the first key that names the same host
 * (`https://localhost:5000/v2/`, `docker.io`).
 */
function entryFor<T>(entries: Map<string, T>, registry: string): [string, T] | undefined {
  const key = configKeyOfRegistry(registry);
  const exact = entries.get(key);
  if (exact !== undefined) return [key, exact];
  const wanted = registry.toLowerCase();
  return [...entries].find(([other]) => registryOfConfigKey(other).toLowerCase() === wanted);
}

function hasCredentials(entry: AuthsEntry): boolean {
  return Boolean(entry.username || entry.password || entry.identityToken || entry.registryToken);
}

function toAuth(found: AuthsEntry | HelperCredentials, registry: string): RegistryAuth {
  const auth: RegistryAuth = { serveraddress: configKeyOfRegistry(registry) };
  if (found.username) auth.username = found.username;
  if (found.password) auth.password = found.password;
  if (found.identityToken) auth.identitytoken = found.identityToken;
  if ('registryToken' in found && found.registryToken) auth.registrytoken = found.registryToken;
  return auth;
}
