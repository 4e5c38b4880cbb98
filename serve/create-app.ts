import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { HttpProblem, problemFromError, routeNotFound, sendProblem } from './problem.js';
import { registerCancelRoute } from './routes/cancel-route.js';
import { registerEventsRoute } from './routes/events-route.js';
import { registerExecuteRoute } from './routes/execute-route.js';
import { registerExecutionRoutes } from './routes/execution-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerOpenApiRoute } from './routes/openapi-route.js';
import { registerStepLogsRoute } from './routes/step-logs-route.js';
import { registerWorkflowRoutes } from './routes/workflow-routes.js';
import { createValidatorCompiler } from './schemas/validator-compiler.js';
import { guardRequests } from './security/request-guard.js';
import type { ServeContext } from './serve-context.js';

/** Request bodies past this answer 413 (docs/serve-api.md). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  context: Omit<ServeContext, 'streams' | 'closing'>;
  token: string;
  allowedHosts: ReadonlySet<string>;
  version: string;
  log: (line: string) => void;
}

export interface ServeApp {
  app: FastifyInstance;
  /** Every route the server answers, as Fastify registered them (the OpenAPI document must list the same). */
  routes: { method: string; url: string }[];
}

/**
 * The Fastify application: guard (Host, token), JSON parsing with the 1 MiB limit, problem+json errors, the
 * routes of docs/serve-api.md, and the OpenAPI document built from their schemas. No CORS headers are ever sent.
 */
export async function createApp(options: AppOptions): Promise<ServeApp> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // The OpenAPI document lists exactly the routes there are: no implicit HEAD routes.
    exposeHeadRoutes: false,
    // While closing, requests on open connections are answered as usual (execute: a 503 problem), so every
    // error stays problem+json.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(createValidatorCompiler());
  acceptJsonBodiesOnly(app);

  const routes: ServeApp['routes'] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'dagger-wf serve',
        version: options.version,
        description:
          'Run Dagger workflows over HTTP. Every route but /healthz needs `Authorization: Bearer <token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  guardRequests(app, { token: options.token, allowedHosts: options.allowedHosts });
  app.setErrorHandler((error: FastifyError | HttpProblem, _request, reply) =>
    sendProblem(reply, problemFromError(error, options.log)),
  );
  app.setNotFoundHandler((request, reply) => sendProblem(reply, routeNotFound(request)));

  const closing = new AbortController();
  const context: ServeContext = { ...options.context, streams: new Set(), closing: closing.signal };
  // Closing waits for open responses: end the event streams and answer the `?wait` requests first.
  app.addHook('preClose', (done) => {
    closing.abort();
    for (const stream of context.streams) stream.end();
    done();
  });

  registerHealthRoutes(app, context);
  registerWorkflowRoutes(app, context);
  registerExecuteRoute(app, context, options.log);
  registerExecutionRoutes(app, context);
  registerCancelRoute(app, context);
  registerStepLogsRoute(app, context);
  registerEventsRoute(app, context);
  registerOpenApiRoute(app);
  await app.ready();
  return { app, routes };
}

/**
 * Bodies are JSON or nothing: other media types answer 415 (a browser form cannot post here), and an empty
 * JSON body counts as no body (execute's body is optional).
 */
function acceptJsonBodiesOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') done(null, undefined);
    else void parseJson(request, text, done);
  });
}
