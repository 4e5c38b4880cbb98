import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describeFileError } from '../../core/parse/describe-file-error.js';

/** The variable that supplies the token; without it the token file is used (docs/serve-api.md). */
export const TOKEN_VARIABLE = 'DAGGER_WF_TOKEN';

export interface ServeToken {
  value: string;
  /** Where it came from, for the start-up line: `$DAGGER_WF_TOKEN` or the token file's path. */
  source: string;
  /** True when this start wrote the token file. */
  created: boolean;
}

/** A token that cannot be loaded: printed as one line, exit code 2. */
export class TokenError extends Error {}

/** `<state dir>/serve-token`. */
export function tokenFilePath(stateDir: string): string {
  return join(stateDir, 'serve-token');
}

/**
 * The bearer token: `$DAGGER_WF_TOKEN` when set, else the token file, written once (mode 0600, 32 random
 * bytes) and read back at every later start. A token file that others may read is refused, not used.
 */
export function loadServeToken(stateDir: string, env: NodeJS.ProcessEnv = process.env): ServeToken {
  const fromEnv = env[TOKEN_VARIABLE];
  if (fromEnv) return { value: fromEnv, source: `$${TOKEN_VARIABLE}`, created: false };
  const path = tokenFilePath(stateDir);
  try {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    } finally {
      closeSync(fd);
    }
    return { value: readToken(path), source: path, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new TokenError(`cannot write the token file ${path}: ${describeFileError(error)}`);
  }
  if ((statSync(path).mode & 0o077) !== 0)
    throw new TokenError(
      `the token file ${path} can be read by other users: chmod 600 it (or delete it for a new one)`,
    );
  return { value: readToken(path), source: path, created: false };
}

function readToken(path: string): string {
  let value: string;
  try {
    value = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new TokenError(`cannot read the token file ${path}: ${describeFileError(error)}`);
  }
  if (!value) throw new TokenError(`the token file ${path} is empty (delete it for a new one)`);
  return value;
}

/**
 * Whether `given` is the token, in time that does not depend on where they differ: both are hashed first,
 * so even their lengths are compared in constant time.
 */
export function tokenMatches(expectedDigest: Buffer, given: string): boolean {
  return timingSafeEqual(expectedDigest, tokenDigest(given));
}

/** The SHA-256 of a token, computed once for the expected one. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
