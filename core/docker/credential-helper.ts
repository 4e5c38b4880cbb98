import { spawn } from 'node:child_process';

/** Credentials as a `docker-credential-*` helper hands them out. */
export interface HelperCredentials {
  username?: string;
  password?: string;
  identityToken?: string;
}

/** A helper that is missing, fails or answers nonsense. The message never holds its output. */
export class CredentialHelperError extends Error {}

/** How long a helper may take (a keychain may ask the user to unlock it). */
const CREDENTIAL_HELPER_TIMEOUT_MS = 60_000;

/** What a helper prints when it has nothing for the server (docker-credential-helpers' own wording). */
const NOT_FOUND = 'credentials not found in native keychain';
/** The username under which helpers keep an identity token rather than a password. */
const TOKEN_USERNAME = '<token>';
/** More than any real answer: a runaway helper is cut off. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Ask `docker-credential-<suffix> get` for the credentials of `serverAddress` (written on its stdin, as the
 * docker CLI does); undefined when it has none. Errors start with `describe`, which names the helper and
 * the registry (`credential helper docker-credential-pass (credsStore in …) for registry …`). A helper still
 * silent after `timeoutMs` (default 60 s) is killed.
 */
export async function askCredentialHelper(
  suffix: string,
  serverAddress: string,
  options: { describe: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal; timeoutMs?: number },
): Promise<HelperCredentials | undefined> {
  // A suffix is a name, not a path: `../../tmp/x` must not run something outside PATH.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(suffix))
    throw new CredentialHelperError(`${options.describe} is not a helper name (letters, digits, ._-)`);
  const program = `docker-credential-${suffix}`;
  const { code, stdout, failure } = await runHelper(program, serverAddress, options);
  if (failure) throw new CredentialHelperError(`${options.describe} ${failure}`);
  if (code !== 0) {
    if (stdout.trim() === NOT_FOUND) return undefined;
    throw new CredentialHelperError(`${options.describe} failed (exit code ${code})`);
  }
  return parseAnswer(stdout, options.describe);
}

function parseAnswer(stdout: string, who: string): HelperCredentials | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(stdout);
  } catch {
    throw new CredentialHelperError(`${who} answered with no JSON`);
  }
  const { Username, Secret } = (answer ?? {}) as { Username?: unknown; Secret?: unknown };
  if ((Username !== undefined && typeof Username !== 'string') || typeof Secret !== 'string')
    throw new CredentialHelperError(`${who} answered without a Username and Secret`);
  if (Secret === '') return undefined;
  return Username === TOKEN_USERNAME ? { identityToken: Secret } : { username: Username, password: Secret };
}

interface HelperOutcome {
  code: number | null;
  stdout: string;
  /** Why the helper gave no answer at all (missing, killed, timed out). */
  failure?: string;
}

function runHelper(
  program: string,
  serverAddress: string,
  options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal; timeoutMs?: number },
): Promise<HelperOutcome> {
  const timeoutMs = options.timeoutMs ?? CREDENTIAL_HELPER_TIMEOUT_MS;
  return new Promise((resolve) => {
    // Its stderr may hold a prompt or a secret: it goes nowhere.
    const child = spawn(program, ['get'], {
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'ignore'],
      signal: options.signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let failure: string | undefined;
    // Our own timer rather than spawn's `timeout` option: Node clears that one on 'exit' only, which a
    // helper missing from PATH never emits, so the process stayed alive a minute after the lookup failed.
    const timer = setTimeout(() => {
      failure ??= `gave no answer within ${timeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT_BYTES) chunks.push(chunk);
      else if (!failure) {
        failure = `printed more than ${MAX_OUTPUT_BYTES / 1024} KiB`;
        child.kill('SIGKILL');
      }
    });
    child.stdin.on('error', () => undefined); // a helper that exits without reading its stdin
    child.stdin.end(serverAddress);
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') failure ??= 'is not on PATH';
      else if (error.name === 'AbortError') failure ??= 'was cancelled';
      else failure ??= `could not be run (${error.code ?? error.message})`;
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (!failure && signal) failure = `was killed (${signal})`;
      resolve({ code, stdout: Buffer.concat(chunks).toString('utf8'), failure });
    });
  });
}
