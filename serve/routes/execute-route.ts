import type { ErrorObject } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import { checkExecuteRequest, type ExecuteBody } from '../executions/check-inputs.js';
import type { Execution } from '../executions/execution.js';
import { shuttingDown } from '../executions/execution-service.js';
import { executionView } from '../executions/execution-view.js';
import { requestHash } from '../executions/idempotency.js';
import { problemFromError } from '../problem.js';
import {
  acceptedSchema,
  executeBodySchema,
  executeHeadersSchema,
  executeQuerySchema,
  executionSchema,
} from '../schemas/execution-schemas.js';
import { COMMON_ERRORS, problemResponses } from '../schemas/problem-schema.js';
import { workflowParamsSchema } from '../schemas/workflow-schemas.js';
import type { ServeContext } from '../serve-context.js';
import { findWorkflow } from './lookups.js';

interface ExecuteRoute {
  Params: { workflow_id: string };
  Querystring: { wait?: number };
  Headers: { 'idempotency-key'?: string };
  Body: ExecuteBody | null | undefined;
}

/**
 * POST /dagger/workflows/{id}/execute: the spec's call. Checks the inputs as `dagger-wf run` does, records
 * the execution on disk, queues its run and answers 202 with its id (body and Location); with `?wait=S`,
 * 200 and the whole execution when it ends within S seconds.
 */
export function registerExecuteRoute(
  app: FastifyInstance,
  context: ServeContext,
  log: (line: string) => void,
): void {
  app.post<ExecuteRoute>(
    '/dagger/workflows/:workflow_id/execute',
    {
      // The handler reports body problems itself, together with the inputs' (all of them in one 400).
      attachValidation: true,
      schema: {
        summary: 'Execute a workflow with inputs',
        tags: ['executions'],
        params: workflowParamsSchema,
        querystring: executeQuerySchema,
        headers: executeHeadersSchema,
        body: executeBodySchema,
        response: {
          200: { ...executionSchema, description: 'With ?wait: the execution ended in time' },
          202: {
            ...acceptedSchema,
            description: 'Accepted (queued or running); Location: /dagger/executions/{execution_id}',
          },
          ...problemResponses(...COMMON_ERRORS, 400, 404, 413, 415, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const invalid = request.validationError;
      if (invalid && invalid.validationContext !== 'body') throw problemFromError(invalid, log);
      if (context.service.isClosing) throw shuttingDown();
      const workflowId = request.params.workflow_id;
      const body = request.body;
      const key = request.headers['idempotency-key'];
      const idempotency =
        key === undefined ? undefined : { key, request: requestHash(workflowId, inputsOf(body)) };
      let accepted = idempotency && context.service.idempotency.find(idempotency.key, idempotency.request);
      if (accepted) reply.header('idempotent-replayed', 'true');
      else {
        const workflow = findWorkflow(context, workflowId);
        const checked = checkExecuteRequest(
          workflow,
          body,
          invalid?.validation as ErrorObject[] | undefined,
          context.hostEnv,
        );
        accepted = context.service.accept({ workflow, ...checked, idempotency });
      }
      const execution = await accepted;
      reply.header('location', `/dagger/executions/${execution.id}`);
      const waitSeconds = request.query.wait ?? 0;
      if (waitSeconds > 0 && (await endsWithin(execution, waitSeconds * 1000, context.closing)))
        return reply.code(200).send(executionView(execution));
      return reply.code(202).send({ execution_id: execution.id, status: execution.status });
    },
  );
}

function inputsOf(body: ExecuteBody | null | undefined): Record<string, unknown> | undefined {
  return body !== null && typeof body === 'object' && typeof body.inputs === 'object'
    ? body.inputs
    : undefined;
}

/** Whether the execution ends within `ms` (false at once when the server starts closing). */
async function endsWithin(execution: Execution, ms: number, closing: AbortSignal): Promise<boolean> {
  if (execution.isFinal || closing.aborted) return execution.isFinal;
  const stop = new AbortController();
  const stopOnClose = () => stop.abort();
  closing.addEventListener('abort', stopOnClose);
  try {
    await Promise.race([
      execution.whenEnded(),
      delay(ms, undefined, { signal: stop.signal }).catch(() => undefined),
    ]);
  } finally {
    stop.abort();
    closing.removeEventListener('abort', stopOnClose);
  }
  return execution.isFinal;
}
