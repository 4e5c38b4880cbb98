import type { FastifyInstance } from 'fastify';
import { EngineUnreachableError } from '../../core/run/run-errors.js';
import { HttpProblem } from '../problem.js';
import { problemResponses } from '../schemas/problem-schema.js';
import type { ServeContext } from '../serve-context.js';

const statusSchema = { type: 'object', properties: { status: { type: 'string' } } } as const;

/** GET /healthz (the process answers; no token) and GET /readyz (the Docker engine answers too). */
export function registerHealthRoutes(app: FastifyInstance, context: ServeContext): void {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        summary: 'The server answers (no token needed)',
        tags: ['health'],
        security: [],
        response: { 200: statusSchema, ...problemResponses(403) },
      },
    },
    () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'The server can run workflows: the Docker engine answers',
        tags: ['health'],
        response: { 200: statusSchema, ...problemResponses(401, 403, 503) },
      },
    },
    async () => {
      try {
        await context.runtime.ping();
      } catch (error) {
        if (!(error instanceof EngineUnreachableError)) throw error;
        throw new HttpProblem(503, 'engine-unreachable', 'Engine unreachable', error.message);
      }
      return { status: 'ready' };
    },
  );
}
