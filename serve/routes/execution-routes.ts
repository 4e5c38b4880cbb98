import type { FastifyInstance } from 'fastify';
import type { ExecutionStatus } from '../executions/execution.js';
import { BadCursorError } from '../executions/execution-store.js';
import { executionSummary, executionView } from '../executions/execution-view.js';
import { HttpProblem } from '../problem.js';
import {
  executionListQuerySchema,
  executionListSchema,
  executionParamsSchema,
  executionSchema,
} from '../schemas/execution-schemas.js';
import { COMMON_ERRORS, problemResponses } from '../schemas/problem-schema.js';
import type { ServeContext } from '../serve-context.js';
import { findExecution } from './lookups.js';

interface ListRoute {
  Querystring: { workflow?: string; status?: ExecutionStatus; limit: number; cursor?: string };
}

/** GET /dagger/executions (newest first, filtered, paged) and GET /dagger/executions/{id}. */
export function registerExecutionRoutes(app: FastifyInstance, context: ServeContext): void {
  app.get<ListRoute>(
    '/dagger/executions',
    {
      schema: {
        summary: 'List executions, newest first',
        tags: ['executions'],
        querystring: executionListQuerySchema,
        response: { 200: executionListSchema, ...problemResponses(...COMMON_ERRORS, 400) },
      },
    },
    (request) => {
      const { workflow, status, limit, cursor } = request.query;
      try {
        const page = context.store.page({ workflow, status }, limit, cursor);
        return { executions: page.executions.map(executionSummary), next_cursor: page.nextCursor };
      } catch (error) {
        if (error instanceof BadCursorError)
          throw new HttpProblem(400, 'bad-cursor', 'Bad cursor', error.message);
        throw error;
      }
    },
  );
  app.get<{ Params: { execution_id: string } }>(
    '/dagger/executions/:execution_id',
    {
      schema: {
        summary: 'An execution: the `dagger-wf run --json` result plus its id, workflow and inputs',
        tags: ['executions'],
        params: executionParamsSchema,
        response: { 200: executionSchema, ...problemResponses(...COMMON_ERRORS, 404) },
      },
    },
    (request) => executionView(findExecution(context, request.params.execution_id)),
  );
}
