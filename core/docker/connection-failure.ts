/** Socket errors that mean nothing answers at the engine's address any more, in words. */
const CONNECTION_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  // A Unix socket that is gone: the engine stopped (or is restarting) and removed it.
  ENOENT: 'its socket is gone',
  ECONNRESET: 'the connection broke',
  EPIPE: 'the connection broke',
  ECONNABORTED: 'the connection broke',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'its host is unreachable',
  ENETUNREACH: 'its network is unreachable',
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True when a call failed because the connection to the engine was refused or broke, as opposed to the engine
 * answering with an error. (An HTTP status never is one: the engine answered.)
 */
export function isConnectionFailure(error: unknown): boolean {
  if ((error as { statusCode?: unknown } | null)?.statusCode !== undefined) return false;
  const code = codeOf(error);
  if (code !== undefined && code in CONNECTION_FAILURES) return true;
  return error instanceof Error && /socket hang up/i.test(error.message);
}

/** `connection refused`, `its socket is gone`…: why the connection failed, for a message. */
export function describeConnectionFailure(error: unknown): string {
  const code = codeOf(error);
  return (code !== undefined ? CONNECTION_FAILURES[code] : undefined) ?? 'the connection broke';
}
