import type { FastifyInstance } from 'fastify';
import { open } from 'node:fs/promises';
import { stepLogPath } from '../../core/run/history/list-runs.js';
import { HttpProblem } from '../problem.js';
import { stepLogParamsSchema, stepLogQuerySchema } from '../schemas/execution-schemas.js';
import { COMMON_ERRORS, problemResponses } from '../schemas/problem-schema.js';
import type { ServeContext } from '../serve-context.js';
import { findExecution } from './lookups.js';

/** One answer carries at most this much log; X-Next-Offset says where to go on. */
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

interface StepLogRoute {
  Params: { execution_id: string; step_id: string };
  Querystring: { offset: number };
}

/**
 * GET /dagger/executions/{id}/steps/{step}/logs?offset=N: the step's log (stdout and stderr as they came,
 * secrets masked) from byte N, as text/plain. `X-Next-Offset` is the offset to ask for next and
 * `X-More-Data: true` says more may come (the execution has not ended, or the answer was cut).
 */
export function registerStepLogsRoute(app: FastifyInstance, context: ServeContext): void {
  app.get<StepLogRoute>(
    '/dagger/executions/:execution_id/steps/:step_id/logs',
    {
      schema: {
        summary: "A step's log as text, from a byte offset",
        tags: ['executions'],
        params: stepLogParamsSchema,
        querystring: stepLogQuerySchema,
        response: {
          200: {
            description: 'The log text from `offset`; headers X-Next-Offset and X-More-Data',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          ...problemResponses(...COMMON_ERRORS, 400, 404),
        },
      },
    },
    async (request, reply) => {
      const { execution_id: executionId, step_id: stepId } = request.params;
      const execution = findExecution(context, executionId);
      if (!execution.meta.step_ids.includes(stepId)) {
        const steps = execution.meta.step_ids.join(', ');
        throw new HttpProblem(
          404,
          'step-not-found',
          'Step not found',
          `execution ${executionId} has no step "${stepId}" (steps: ${steps})`,
        );
      }
      const offset = request.query.offset;
      const ended = execution.isFinal;
      const { text, size } = await readFrom(stepLogPath(execution.dir, stepId), offset);
      if (offset > size)
        throw new HttpProblem(
          400,
          'bad-offset',
          'Offset past the end',
          `offset ${offset} is past the end of the log (${size} bytes)`,
        );
      const next = offset + text.length;
      return reply
        .header('x-next-offset', String(next))
        .header('x-more-data', String(!ended || next < size))
        .type('text/plain; charset=utf-8')
        .send(text);
    },
  );
}

/** Up to MAX_CHUNK_BYTES of a file from `offset`, and the file's size (0 when it does not exist yet). */
async function readFrom(path: string, offset: number): Promise<{ text: Buffer; size: number }> {
  let file;
  try {
    file = await open(path, 'r');
  } catch {
    return { text: Buffer.alloc(0), size: 0 };
  }
  try {
    const { size } = await file.stat();
    const length = Math.max(0, Math.min(size - offset, MAX_CHUNK_BYTES));
    const text = Buffer.alloc(length);
    const { bytesRead } = length ? await file.read(text, 0, length, offset) : { bytesRead: 0 };
    return { text: text.subarray(0, bytesRead), size };
  } finally {
    await file.close();
  }
}
