import type { FastifyInstance } from 'fastify';
import { HttpProblem, sendProblem } from '../problem.js';
import { hostNameOf } from './allowed-hosts.js';
import { tokenDigest, tokenMatches } from './bearer-token.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers without a token (only /healthz). */
    public?: boolean;
  }
}

export interface GuardSettings {
  token: string;
  /** allowedHostNames(): the names a `Host` header may carry. */
  allowedHosts: ReadonlySet<string>;
}

/**
 * Before anything else (body parsing included), every request must name an allowed `Host` (DNS rebinding)
 * and, except on public routes, carry `Authorization: Bearer <token>`. Unknown paths are guarded too, so an
 * unauthenticated caller learns nothing about which routes exist.
 */
export function guardRequests(app: FastifyInstance, settings: GuardSettings): void {
  const expected = tokenDigest(settings.token);
  app.addHook('onRequest', async (request, reply) => {
    const host = hostNameOf(request.headers.host);
    if (host === undefined || !settings.allowedHosts.has(host)) {
      const shown = JSON.stringify(request.headers.host ?? '');
      return sendProblem(
        reply,
        new HttpProblem(
          403,
          'host-not-allowed',
          'Host not allowed',
          `this server does not answer to Host ${shown} (allow a name with --allow-host)`,
        ),
      );
    }
    if (request.routeOptions.config?.public) return;
    const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1] || !tokenMatches(expected, match[1])) {
      return sendProblem(
        reply,
        new HttpProblem(
          401,
          'unauthorized',
          'Unauthorized',
          match ? 'the bearer token is wrong' : 'send the token as Authorization: Bearer <token>',
          { headers: { 'www-authenticate': 'Bearer realm="dagger-wf"' } },
        ),
      );
    }
  });
}
