import type { FastifyInstance } from 'fastify';
import { COMMON_ERRORS, problemResponses } from '../schemas/problem-schema.js';
import { workflowListSchema, workflowParamsSchema, workflowSchema } from '../schemas/workflow-schemas.js';
import type { ServeContext } from '../serve-context.js';
import { workflowSummary } from '../workflows/workflow-summary.js';
import { findWorkflow } from './lookups.js';

/** GET /dagger/workflows and GET /dagger/workflows/{id}: the served workflows, read afresh when changed. */
export function registerWorkflowRoutes(app: FastifyInstance, context: ServeContext): void {
  app.get(
    '/dagger/workflows',
    {
      schema: {
        summary: 'List the workflows (invalid ones too, with valid: false)',
        tags: ['workflows'],
        response: { 200: workflowListSchema, ...problemResponses(...COMMON_ERRORS) },
      },
    },
    () => context.catalog.list().map(workflowSummary),
  );
  app.get<{ Params: { workflow_id: string } }>(
    '/dagger/workflows/:workflow_id',
    {
      schema: {
        summary: 'One workflow',
        tags: ['workflows'],
        params: workflowParamsSchema,
        response: { 200: workflowSchema, ...problemResponses(...COMMON_ERRORS, 404) },
      },
    },
    (request) => workflowSummary(findWorkflow(context, request.params.workflow_id)),
  );
}
