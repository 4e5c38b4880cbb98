import type { FastifyInstance } from 'fastify';
import { COMMON_ERRORS, problemResponses } from '../schemas/problem-schema.js';

/** GET /openapi.json: the OpenAPI 3.1 document @fastify/swagger builds from the route schemas. */
export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This API as OpenAPI 3.1',
        tags: ['meta'],
        response: {
          200: { description: 'The OpenAPI document', type: 'object', additionalProperties: true },
          ...problemResponses(...COMMON_ERRORS),
        },
      },
    },
    () => app.swagger(),
  );
}
