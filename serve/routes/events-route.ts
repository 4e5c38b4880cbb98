import type { FastifyInstance } from 'fastify';
import type { Execution } from '../executions/execution.js';
import { HttpProblem } from '../problem.js';
import { executionParamsSchema } from '../schemas/execution-schemas.js';
import { COMMON_ERRORS, problemResponses } from '../schemas/problem-schema.js';
import type { ServeContext } from '../serve-context.js';
import { SseStream } from '../sse-stream.js';
import { findExecution } from './lookups.js';

interface EventsRoute {
  Params: { execution_id: string };
  Headers: { 'last-event-id'?: string };
}

/**
 * GET /dagger/executions/{id}/events: Server-Sent Events of every run event, in order, each with its id and
 * its type as the event name, then an `end` event ({execution_id, status, reason?}) and the end of the
 * stream. `Last-Event-ID` resumes after that id; a stream already read to its end answers 204, which tells
 * an EventSource to stop reconnecting.
 */
export function registerEventsRoute(app: FastifyInstance, context: ServeContext): void {
  app.get<EventsRoute>(
    '/dagger/executions/:execution_id/events',
    {
      schema: {
        summary: 'Follow an execution: every run event as Server-Sent Events',
        tags: ['executions'],
        params: executionParamsSchema,
        headers: {
          type: 'object',
          properties: { 'last-event-id': { type: 'string', description: 'Resume after this event id' } },
        },
        response: {
          200: {
            description:
              'text/event-stream: `id`, `event` (the run event type, or `end`), `data` (JSON); `: ping` comments',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          204: { description: 'Every event up to `end` was read already', type: 'null' },
          ...problemResponses(...COMMON_ERRORS, 400, 404),
        },
      },
    },
    async (request, reply) => {
      const execution = findExecution(context, request.params.execution_id);
      const after = lastEventId(request.headers['last-event-id']);
      if (execution.isFinal && after >= execution.events.size() + 1) return reply.code(204).send();
      reply.hijack();
      const stream = new SseStream(reply.raw, context.keepAliveMs);
      context.streams.add(stream);
      stream.onClose(() => context.streams.delete(stream));
      const sendEnd = () => {
        const id = execution.events.size() + 1;
        if (id > after) stream.send(id, 'end', endOf(execution));
        stream.end();
      };
      if (execution.events.isLive) {
        const unfollow = execution.events.follow(after, (id, event) => stream.send(id, event.type, event));
        const unsubscribe = execution.onEnd(sendEnd);
        stream.onClose(() => {
          unfollow();
          unsubscribe();
        });
      } else {
        try {
          await execution.events.readAfter(after, (id, event) => stream.send(id, event.type, event));
        } finally {
          sendEnd();
        }
      }
    },
  );
}

function lastEventId(header: string | undefined): number {
  if (header === undefined || header === '') return 0;
  if (!/^\d{1,15}$/.test(header))
    throw new HttpProblem(
      400,
      'bad-last-event-id',
      'Bad Last-Event-ID',
      `Last-Event-ID "${header}" is not an event id`,
    );
  return Number(header);
}

function endOf(execution: Execution) {
  const reason = execution.record?.reason;
  return {
    execution_id: execution.id,
    status: execution.status,
    ...(reason === undefined ? {} : { reason }),
  };
}
