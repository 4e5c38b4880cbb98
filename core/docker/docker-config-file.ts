import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** One `auths` entry, decoded. Every field may be missing (`{}` is what a credential store leaves). */
export interface AuthsEntry {
  username?: string;
  password?: string;
  identityToken?: string;
  registryToken?: string;
}

/** The credential part of a docker CLI config file. */
export interface DockerConfig {
  /** Where it was read from (a file path, or `DOCKER_AUTH_CONFIG`), for messages. */
  source: string;
  /** By key as written (`localhost:5000`, `https://index.docker.io/v1/`, …), in file order. */
  auths: Map<string, AuthsEntry>;
  /** The helper suffix for every registry (`pass` runs `docker-credential-pass`). */
  credsStore?: string;
  /** Helper suffixes by registry key; they win over credsStore. */
  credHelpers: Map<string, string>;
}

/** A config file that cannot be read or makes no sense; the message names the file, never a credential. */
export class DockerConfigError extends Error {}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`, as the docker CLI looks for it. */
export function dockerConfigPath(env: NodeJS.ProcessEnv, configDir?: string): string {
  const dir = configDir ?? (env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'));
  return join(dir, 'config.json');
}

/** Read and check a config file; undefined when there is none (then pulls are anonymous, as with the CLI). */
export async function readDockerConfig(file: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new DockerConfigError(`cannot read ${file}: ${reasonOf(error)}`);
  }
  return parseDockerConfig(text, file);
}

/** Parse config.json text; errors say `source:line:col` and what is wrong, never a value. */
export function parseDockerConfig(text: string, source: string): DockerConfig {
  const config: DockerConfig = { source, auths: new Map(), credHelpers: new Map() };
  // The CLI reads an empty file as an empty config.
  if (text.trim() === '') return config;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DockerConfigError(invalidJsonMessage(error, text, source));
  }
  const top = objectAt(value, source, 'the top level');
  const auths = optionalObjectAt(top.auths, source, 'auths');
  for (const [key, raw] of Object.entries(auths ?? {}))
    config.auths.set(key, decodeAuthsEntry(objectAt(raw, source, `auths["${key}"]`), source, key));
  const credsStore = optionalStringAt(top.credsStore, source, 'credsStore');
  if (credsStore) config.credsStore = credsStore;
  for (const [key, helper] of Object.entries(optionalObjectAt(top.credHelpers, source, 'credHelpers') ?? {}))
    config.credHelpers.set(key, optionalStringAt(helper, source, `credHelpers["${key}"]`) ?? '');
  return config;
}

function decodeAuthsEntry(raw: Record<string, unknown>, source: string, key: string): AuthsEntry {
  const field = (name: string) => optionalStringAt(raw[name], source, `auths["${key}"].${name}`) || undefined;
  const entry: AuthsEntry = {};
  const fields = { username: 'username', password: 'password', identityToken: 'identitytoken' } as const;
  for (const [name, jsonName] of Object.entries({ ...fields, registryToken: 'registrytoken' })) {
    const value = field(jsonName);
    if (value) entry[name as keyof AuthsEntry] = value;
  }
  const auth = field('auth');
  // As the CLI: `auth`, base64 of user:password, wins over the separate fields.
  if (auth) Object.assign(entry, decodeBasicAuth(auth, `${source}: auths["${key}"].auth`));
  return entry;
}

function decodeBasicAuth(auth: string, where: string): { username: string; password: string } {
  const problem = `${where} is not base64 of user:password`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(auth.trim())) throw new DockerConfigError(problem);
  const decoded = Buffer.from(auth.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new DockerConfigError(problem);
  // Go's decoder leaves NUL padding that the CLI trims off the password.
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '') };
}

function objectAt(value: unknown, source: string, what: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  throw new DockerConfigError(`${source}: ${what} is not a JSON object`);
}

function optionalObjectAt(value: unknown, source: string, what: string): Record<string, unknown> | undefined {
  return value === undefined || value === null ? undefined : objectAt(value, source, what);
}

function optionalStringAt(value: unknown, source: string, what: string): string | undefined {
  if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
  throw new DockerConfigError(`${source}: ${what} is not a string`);
}

/**
 * `file:line:col: not valid JSON (what)`. Where and what come from JSON.parse's message, but never a message
 * that quotes the text (`Unexpected token 'x', "…" is not valid JSON`): the text may be a password.
 */
function invalidJsonMessage(error: unknown, text: string, source: string): string {
  const message = error instanceof Error ? error.message : '';
  const offset = / at position (\d+)/.exec(message)?.[1];
  const at = offset !== undefined ? Number(offset) : /end of JSON input/.test(message) ? text.length : -1;
  const before = text.slice(0, Math.max(at, 0)).split('\n');
  const where = at < 0 ? '' : `:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
  const what = message.includes('"') ? '' : message.replace(/ (in JSON )?at position \d+.*$/, '');
  return `${source}${where}: not valid JSON${what ? ` (${what.charAt(0).toLowerCase()}${what.slice(1)})` : ''}`;
}

/** `EACCES: permission denied, open '…'` → `permission denied`: the path is already in the message. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^E[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}
