import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LABEL_PID } from '../../core/run/sweep-orphans.js';
import {
  IMAGE,
  requireTestImage,
  runtime,
  startTestServer,
  TOKEN,
  type TestServer,
} from './serve-helpers.js';

before(requireTestImage);

const TYPED = `
name: typed
inputs:
  name: { required: true }
  count: { default: "1" }
  token: { required: true, secret: true }
steps:
  - { id: hello, image: ${IMAGE}, command: [echo, "\${inputs.name} \${inputs.count} \${inputs.token}"] }
`;

let server: TestServer;
before(async () => {
  server = await startTestServer({ 'typed.dagger.yaml': TYPED });
});

/** A raw request with any Host header (fetch does not let a caller choose it). */
function rawRequest(path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  const { port, hostname } = new URL(server.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: hostname, port, path, method, headers, setHost: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

/** Nothing was started: no execution is listed or recorded, and no container of this process exists. */
async function assertNothingStarted(): Promise<void> {
  const listed = await server.getJson<{ executions: unknown[] }>('/dagger/executions');
  assert.deepEqual(listed.executions, []);
  assert.deepEqual(readdirSync(join(server.stateDir, 'executions')), []);
  assert.deepEqual(await runtime.listContainers({ [LABEL_PID]: String(process.pid) }), []);
}

async function assertProblem(
  response: Response,
  status: number,
  detail: RegExp,
): Promise<{ errors?: string[] }> {
  assert.equal(response.status, status, await response.clone().text());
  assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  const problem = (await response.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: string[];
  };
  assert.equal(problem.status, status);
  assert.match(problem.type, /^urn:dagger-wf:problem:/);
  assert.ok(problem.title);
  assert.match(problem.detail, detail);
  return problem;
}

const execute = (init: RequestInit & { json?: unknown }) =>
  server.api('/dagger/workflows/typed/execute', { method: 'POST', ...init });

void test('a body that is not JSON: 400', async () => {
  await assertProblem(
    await execute({ headers: { 'content-type': 'application/json' }, body: '{"inputs": {' }),
    400,
    /not valid JSON/,
  );
  await assertProblem(
    await execute({ headers: { 'content-type': 'application/json' }, body: '[1, 2]' }),
    400,
    /must be a JSON object like \{"inputs": \{…\}\}, not an array/,
  );
  await assertProblem(
    await execute({ headers: { 'content-type': 'text/plain' }, body: 'name=x' }),
    415,
    /application\/json/,
  );
  await assertNothingStarted();
});

void test('wrong types, unknown and missing inputs: one 400 naming each', async () => {
  const problem = await assertProblem(
    await execute({ json: { inputs: { name: ['Ada'], count: { n: 2 }, colour: 'red', token: null } } }),
    400,
    /input "name" must be a string, number or boolean, not an array/,
  );
  assert.deepEqual(problem.errors, [
    'input "name" must be a string, number or boolean, not an array',
    'input "count" must be a string, number or boolean, not an object',
    'input "token" must be a string, number or boolean, not null',
    'unknown input "colour" (declared: name, count, token)',
  ]);
  const missing = await assertProblem(
    await execute({ json: { inputs: {} } }),
    400,
    /required input "name" is missing/,
  );
  assert.deepEqual(missing.errors, [
    'required input "name" is missing (add "name" to "inputs")',
    'required input "token" is missing (add "token" to "inputs")',
  ]);
  const field = await assertProblem(
    await execute({ json: { input: { name: 'x' } } }),
    400,
    /unknown field "input"/,
  );
  assert.equal(field.errors?.length, 3, 'the unknown field, and both required inputs');
  await assertProblem(
    await execute({ json: { inputs: 'name=x' } }),
    400,
    /"inputs" must be an object of name: value, not a string/,
  );
  await assertNothingStarted();
});

void test('a 2 MB body: 413', async () => {
  const body = JSON.stringify({ inputs: { name: 'x'.repeat(2 * 1024 * 1024), token: 't' } });
  await assertProblem(
    await execute({ headers: { 'content-type': 'application/json' }, body }),
    413,
    /over 1 MiB/,
  );
  await assertNothingStarted();
});

void test('no token, a wrong token, a token of another scheme: 401 with WWW-Authenticate; /healthz needs none', async () => {
  const json = { inputs: { name: 'x', token: 't' } };
  for (const authorization of ['', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`]) {
    const response = await execute({ headers: { authorization }, json });
    await assertProblem(
      response,
      401,
      authorization.startsWith('Bearer') ? /token is wrong/ : /Authorization: Bearer/,
    );
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="dagger-wf"');
  }
  for (const path of [
    '/dagger/workflows',
    '/dagger/executions',
    '/openapi.json',
    '/readyz',
    '/no/such/route',
  ])
    await assertProblem(await server.api(path, { headers: { authorization: '' } }), 401, /Bearer/);
  const health = await fetch(`${server.url}/healthz`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });
  await assertNothingStarted();
});

void test('a foreign Host header (DNS rebinding): 403 before the token is looked at; loopback names pass', async () => {
  const { port } = new URL(server.url);
  const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const body = JSON.stringify({ inputs: { name: 'x', token: 't' } });
  for (const host of [
    `evil.example:${port}`,
    'evil.example',
    `127.0.0.1.evil.example:${port}`,
    'localhost@evil',
  ]) {
    const response = await rawRequest('/dagger/workflows/typed/execute', { ...auth, host }, 'POST', body);
    assert.equal(response.status, 403, host);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match((JSON.parse(response.body) as { detail: string }).detail, /does not answer to Host/);
  }
  for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST'])
    assert.equal((await rawRequest('/dagger/workflows', { ...auth, host })).status, 200, host);
  // HTTP/1.0 without Host at all.
  const noHost = await new Promise<string>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.end(`GET /dagger/workflows HTTP/1.0\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`),
    );
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
  });
  assert.match(noHost, /^HTTP\/1\.\d 403/);
  await assertNothingStarted();
});

void test('no CORS: neither a preflight nor a request with Origin gets an Access-Control header', async () => {
  const preflight = await rawRequest(
    '/dagger/workflows/typed/execute',
    {
      host: new URL(server.url).host,
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    },
    'OPTIONS',
  );
  const plain = await server.api('/dagger/workflows', { headers: { origin: 'https://evil.example' } });
  assert.equal(plain.status, 200);
  const headerNames = [...Object.keys(preflight.headers), ...plain.headers.keys()];
  assert.deepEqual(
    headerNames.filter((name) => name.startsWith('access-control-')),
    [],
  );
  assert.notEqual(preflight.status, 204);
});

void test('parameters are checked: ?wait out of range, an unknown query parameter, an empty Idempotency-Key: 400', async () => {
  await assertProblem(
    await server.api('/dagger/workflows/typed/execute?wait=99999', { method: 'POST' }),
    400,
    /query parameter "wait" must be <= 3600/,
  );
  await assertProblem(
    await server.api('/dagger/workflows/typed/execute?wiat=5', { method: 'POST' }),
    400,
    /unknown query parameter "wiat"/,
  );
  await assertProblem(await execute({ headers: { 'idempotency-key': '' } }), 400, /idempotency-key/);
  await assertNothingStarted();
});

void test('--allow-host: a configured name is answered, with or without a port; others still are not', async () => {
  const other = await startTestServer({}, { allowHosts: ['dagger.internal', '10.1.2.3'] });
  const { port, hostname } = new URL(other.url);
  const status = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: hostname,
          port,
          path: '/dagger/workflows',
          headers: { host, authorization: `Bearer ${TOKEN}` },
          setHost: false,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
  assert.equal(await status(`dagger.internal:${port}`), 200);
  assert.equal(await status('DAGGER.INTERNAL'), 200);
  assert.equal(await status(`10.1.2.3:${port}`), 200);
  assert.equal(await status(`dagger.internal.evil.example:${port}`), 403);
  assert.equal(await status(`10.1.2.4:${port}`), 403);
});
