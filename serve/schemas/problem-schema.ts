import { PROBLEM_TYPE } from '../problem.js';

/** JSON schema of a problem (RFC 9457), as every error answers it. */
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: '`urn:dagger-wf:problem:<kind>`' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong, naming the thing (input, file, step).' },
    errors: {
      type: 'array',
      description: 'Each problem of a 400, or the diagnostics of an invalid workflow (422).',
      items: {},
    },
  },
} as const;

const WHEN: Record<number, string> = {
  400: 'Bad body, inputs or parameters: every problem named in `errors`',
  401: 'Missing or wrong bearer token',
  403: 'A Host header the server does not answer to (DNS rebinding guard)',
  404: 'Unknown workflow, execution or step',
  409: 'The execution has already finished',
  413: 'Body over 1 MiB',
  415: 'Body that is not application/json',
  422: 'Invalid workflow (its diagnostics in `errors`), or an Idempotency-Key reused with another body',
  503: 'Docker engine unreachable, or the server is shutting down',
};

/** The response-schema entries of the given error statuses, each a problem+json. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: WHEN[status] ?? 'Error', content: { [PROBLEM_TYPE]: { schema: problemSchema } } },
    ]),
  );
}

/** Statuses any authenticated route can answer. */
export const COMMON_ERRORS = [401, 403] as const;
