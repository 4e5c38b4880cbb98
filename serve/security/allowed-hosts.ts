import { isIP } from 'node:net';

/** Names that always mean this machine. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * The names a request's `Host` may carry: loopback names, the address the server is bound to (unless it is a
 * wildcard) and the names configured with `--allow-host`. A web page that rebinds its own domain to 127.0.0.1
 * still sends its domain as Host, so it is refused here before the token is even looked at.
 */
export function allowedHostNames(boundHost: string, extra: readonly string[]): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const bound = stripBrackets(boundHost).toLowerCase();
  if (bound !== '0.0.0.0' && bound !== '::') names.add(bound);
  for (const name of extra) names.add(stripBrackets(name).toLowerCase());
  return names;
}

/** The host name of a `Host` header (`[::1]:8000` → `::1`), lower-cased; undefined when it is malformed. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const ipv6 = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (ipv6) return isIP(ipv6[1] ?? '') === 6 ? ipv6[1]?.toLowerCase() : undefined;
  const match = /^([A-Za-z0-9.-]+)(?::\d+)?$/.exec(header);
  return match?.[1]?.toLowerCase().replace(/\.$/, '');
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
