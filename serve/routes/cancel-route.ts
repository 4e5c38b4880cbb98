import type { FastifyInstance } from 'fastify';
import { acceptedSchema, cancelQuerySchema, executionParamsSchema } from '../schemas/execution-schemas.js';
import { COMMON_ERRORS, problemResponses } from '../schemas/problem-schema.js';
import type { ServeContext } from '../serve-context.js';
import { findExecution } from './lookups.js';

interface CancelRoute {
  Params: { execution_id: string };
  Querystring: { force: boolean };
}

/**
 * POST /dagger/executions/{id}/cancel: a queued execution ends at once; a running one stops its containers
 * (1 s grace, then killed) and removes them, as Ctrl-C does for `dagger-wf run`; `?force=true` kills at once.
 */
export function registerCancelRoute(app: FastifyInstance, context: ServeContext): void {
  app.post<CancelRoute>(
    '/dagger/executions/:execution_id/cancel',
    {
      schema: {
        summary: 'Cancel an execution',
        tags: ['executions'],
        params: executionParamsSchema,
        querystring: cancelQuerySchema,
        response: {
          202: { ...acceptedSchema, description: 'Cancelling; the execution ends `cancelled`' },
          ...problemResponses(...COMMON_ERRORS, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const execution = findExecution(context, request.params.execution_id);
      await context.service.cancel(execution, request.query.force);
      return reply.code(202).send({ execution_id: execution.id, status: execution.status });
    },
  );
}
