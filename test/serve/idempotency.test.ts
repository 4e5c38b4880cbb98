import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { containersOf, IMAGE, requireTestImage, startTestServer, untilEnded } from './serve-helpers.js';

before(requireTestImage);

const GREET = `
name: greet
inputs:
  who: { required: true }
steps:
  - { id: hello, image: ${IMAGE}, command: [sh, -c, 'echo "hi $WHO"; sleep 1'], environment: { WHO: "\${inputs.who}" } }
`;

void test('50 parallel POSTs with one Idempotency-Key make one execution, and all 50 answers name it', async () => {
  const { api, getJson, stateDir } = await startTestServer({ 'greet.dagger.yaml': GREET });
  const post = () =>
    api('/dagger/workflows/greet/execute', {
      method: 'POST',
      headers: { 'idempotency-key': 'order-4711' },
      json: { inputs: { who: 'Ada' } },
    });
  const responses = await Promise.all(Array.from({ length: 50 }, post));
  assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([202]));
  const ids = new Set(
    await Promise.all(
      responses.map(async (r) => ((await r.json()) as { execution_id: string }).execution_id),
    ),
  );
  assert.equal(ids.size, 1);
  const [id] = [...ids] as [string];
  assert.equal(
    responses.filter((response) => response.headers.get('idempotent-replayed') === 'true').length,
    49,
  );
  assert.ok(responses.every((response) => response.headers.get('location') === `/dagger/executions/${id}`));
  const listed = await getJson<{ executions: { execution_id: string }[] }>('/dagger/executions');
  assert.deepEqual(
    listed.executions.map((e) => e.execution_id),
    [id],
  );
  assert.deepEqual(readdirSync(join(stateDir, 'executions')), [id]);
  assert.equal((await untilEnded(getJson, id)).status, 'succeeded');
  // Later, the same key with the same body (keys in another order is the same body) is the same execution.
  const later = await api('/dagger/workflows/greet/execute', {
    method: 'POST',
    headers: { 'idempotency-key': 'order-4711', 'content-type': 'application/json' },
    body: '{ "inputs": { "who": "Ada" } }',
  });
  assert.equal(((await later.json()) as { execution_id: string; status: string }).execution_id, id);
  assert.deepEqual(await containersOf(id), []);
});

void test('the same Idempotency-Key with another body or workflow answers 422 and starts nothing', async () => {
  const { api, getJson } = await startTestServer({ 'greet.dagger.yaml': GREET, 'other.dagger.yaml': GREET });
  const first = await api('/dagger/workflows/greet/execute', {
    method: 'POST',
    headers: { 'idempotency-key': 'k1' },
    json: { inputs: { who: 'Ada' } },
  });
  assert.equal(first.status, 202);
  for (const [workflow, who] of [
    ['greet', 'Bob'],
    ['other', 'Ada'],
  ]) {
    const reused = await api(`/dagger/workflows/${workflow}/execute`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k1' },
      json: { inputs: { who } },
    });
    assert.equal(reused.status, 422);
    assert.equal(reused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const problem = (await reused.json()) as { type: string; detail: string };
    assert.equal(problem.type, 'urn:dagger-wf:problem:idempotency-key-reused');
  }
  const listed = await getJson<{ executions: unknown[] }>('/dagger/executions');
  assert.equal(listed.executions.length, 1);
});
