import type { CredentialLookup } from './registry-credentials.js';
import { loginCommand } from './registry-host.js';

/**
 * What a failed pull means for the next attempt:
 * - `transient`: the registry or the network hiccuped (connection reset or refused, a timeout, a 5xx): retry;
 * - `unauthorized`: the registry wants credentials, or other ones (401);
 * - `denied`: the registry refuses this repository to whoever asks (403; Docker Hub's answer for a private
 *   or missing repository);
 * - `permanent`: anything else (no such manifest or tag, no such host, rate limited, TLS): retrying
 *   cannot help.
 */
export type PullFailureKind = 'transient' | 'unauthorized' | 'denied' | 'permanent';

// The engine reports registry errors as text (mostly with HTTP 500), so the text is what there is to read.
const UNAUTHORIZED =
  /unauthorized|authentication required|no basic auth credentials|incorrect username or password/i;
const DENIED = /\bdenied\b|forbidden/i;
// Checked before TRANSIENT: "manifest unknown" after a reset, say, is still an unknown manifest.
const PERMANENT =
  /manifest unknown|not found|no such host|invalid reference|toomanyrequests|rate limit|x509|certificate|server gave HTTP response to HTTPS client/i;
const TRANSIENT =
  /connection reset|connection refused|broken pipe|\bEOF\b|timeout|timed out|temporary failure|server misbehaving|no route to host|network is unreachable|HTTP status:? 5\d\d|internal server error|bad gateway|service unavailable|gateway time-?out/i;

/** The kind of an engine-reported pull failure (see PullFailureKind). */
export function classifyPullFailure(message: string): PullFailureKind {
  if (UNAUTHORIZED.test(message)) return 'unauthorized';
  if (DENIED.test(message)) return 'denied';
  if (PERMANENT.test(message)) return 'permanent';
  return TRANSIENT.test(message) ? 'transient' : 'permanent';
}

/**
 * An engine message as one clean line: whitespace runs (newlines too) as one space, no space at either
 * end, and the engine's doubled tail (`manifest unknown: manifest unknown`) said once.
 */
export function cleanEngineMessage(message: string): string {
  return message
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(^|: )([^:]+): \2$/, '$1$2');
}

/**
 * Why the pull failed, for the step's reason: the engine's message, with what the user can do about it
 * when that is credentials (naming the registry, where credentials were looked for and the `docker login`
 * to run). Never a credential: `lookup` holds only where they came from.
 */
export function describePullFailure(
  message: string,
  kind: PullFailureKind,
  lookup: CredentialLookup,
  attempts: number,
): string {
  const detail = cleanEngineMessage(message);
  const { registry, source } = lookup;
  const login = `\`${loginCommand(registry)}\``;
  if (kind === 'unauthorized')
    return lookup.auth
      ? `registry ${registry} rejected the credentials from ${source} (${detail}): run ${login} to renew them`
      : `registry ${registry} requires credentials, and none were found for it in ${source}: run ${login}`;
  if (kind === 'denied')
    return lookup.auth
      ? `${detail} (with the credentials from ${source})`
      : `${detail}; no credentials for registry ${registry} were found in ${source}: if the repository is private, run ${login}`;
  return attempts > 1 ? `${detail} (gave up after ${attempts} attempts)` : detail;
}
