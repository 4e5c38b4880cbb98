import { test } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestServer } from './serve-helpers.js';

interface Operation {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

void test('GET /openapi.json is a valid OpenAPI 3.1 document listing exactly the routes the server answers', async () => {
  const { getJson, server } = await startTestServer({});
  const document = await getJson<{
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    security: unknown;
  }>('/openapi.json');
  assert.equal(document.openapi, '3.1.0');
  // Throws with the first problem when the document is not valid OpenAPI.
  await SwaggerParser.validate(structuredClone(document) as never);

  const documented = Object.entries(document.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
  const answered = server.routes
    .map(({ method, url }) => `${method} ${url.replace(/:(\w+)/g, '{$1}')}`)
    .sort();
  assert.deepEqual(documented, answered);
  assert.deepEqual(answered, [
    'GET /dagger/executions',
    'GET /dagger/executions/{execution_id}',
    'GET /dagger/executions/{execution_id}/events',
    'GET /dagger/executions/{execution_id}/steps/{step_id}/logs',
    'GET /dagger/workflows',
    'GET /dagger/workflows/{workflow_id}',
    'GET /healthz',
    'GET /openapi.json',
    'GET /readyz',
    'POST /dagger/executions/{execution_id}/cancel',
    'POST /dagger/workflows/{workflow_id}/execute',
  ]);

  // Every route needs the bearer token but /healthz; every error answer is problem+json.
  assert.deepEqual(document.security, [{ bearer: [] }]);
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (path === '/healthz') assert.deepEqual(operation.security, []);
      else assert.equal(operation.security, undefined, `${method} ${path} keeps the global security`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400)
          assert.deepEqual(
            Object.keys(response.content ?? {}),
            ['application/problem+json'],
            `${method} ${path} ${status}`,
          );
      }
      if (path !== '/healthz') assert.ok(operation.responses['401'], `${method} ${path} documents 401`);
    }
  }
  const execute = document.paths['/dagger/workflows/{workflow_id}/execute']?.post;
  assert.deepEqual(Object.keys(execute?.responses ?? {}).sort(), [
    '200',
    '202',
    '400',
    '401',
    '403',
    '404',
    '413',
    '415',
    '422',
    '503',
  ]);
});
