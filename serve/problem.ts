import type { FastifyReply, FastifyRequest } from 'fastify';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_TYPE = 'application/problem+json';

/** An RFC 9457 problem: the body of every error answer (docs/serve-api.md). */
export interface Problem {
  /** `urn:dagger-wf:problem:<slug>`: tells apart two problems with the same status (a 422 and another 422). */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Each problem of a 400 (inputs, body) or the diagnostics of a 422 invalid workflow. */
  errors?: unknown[];
  [extra: string]: unknown;
}

/** Thrown by a route: the error handler answers it as problem+json. */
export class HttpProblem extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    slug: string,
    title: string,
    detail: string,
    extra: { errors?: unknown[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
    const { headers, ...fields } = extra;
    this.problem = { type: `urn:dagger-wf:problem:${slug}`, title, status, detail, ...fields };
    this.headers = headers ?? {};
  }
}

/** Send a problem (status, problem+json body, extra headers). */
export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  return reply
    .code(problem.problem.status)
    .headers(problem.headers)
    .type(PROBLEM_TYPE)
    .send(JSON.stringify(problem.problem));
}

/** How a schema problem names the part of the request it is in. */
const PARTS: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  headers: 'header',
  body: 'body',
};

/** What Fastify's errors (and a route's validationError) carry. */
interface ErrorLike {
  message?: string;
  stack?: string;
  code?: string;
  statusCode?: number;
  validation?: { instancePath: string; message?: string; params?: Record<string, unknown> }[];
  validationContext?: string;
}

/**
 * Fastify's own errors (body too large, not JSON, unknown media type, schema violations) and anything thrown,
 * as problems. What is not the client's doing answers 500 without internals; `log` gets the real error.
 */
export function problemFromError(error: ErrorLike | HttpProblem, log: (line: string) => void): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const status = error.statusCode ?? 500;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem(413, 'body-too-large', 'Body too large', 'the request body is over 1 MiB');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'send the body as application/json',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpProblem(400, 'invalid-json', 'Body is not JSON', 'the body is not valid JSON');
  }
  if (error.validation) {
    const where = PARTS[error.validationContext ?? ''] ?? 'request';
    const errors = error.validation.map((issue) => {
      const unknown = issue.params?.additionalProperty;
      if (typeof unknown === 'string') return `unknown ${where} "${unknown}"`;
      const name = issue.instancePath.slice(1);
      return `${name ? `${where} "${name}"` : where} ${issue.message ?? 'is invalid'}`;
    });
    return new HttpProblem(400, 'bad-request', 'Bad request', errors.join('; '), { errors });
  }
  if (status >= 400 && status < 500) {
    // A JSON body that is not an object of plain data (e.g. `__proto__`) and similar client mistakes.
    return new HttpProblem(status, 'bad-request', 'Bad request', error.message ?? 'bad request');
  }
  log(`internal error: ${error.stack ?? error.message ?? 'unknown'}`);
  return new HttpProblem(500, 'internal-error', 'Internal error', 'the server failed to answer; see its log');
}

/** The 404 of a path no route answers. */
export function routeNotFound(request: FastifyRequest): HttpProblem {
  return new HttpProblem(
    404,
    'not-found',
    'Not found',
    `no route ${request.method} ${request.url.split('?')[0]}`,
  );
}
