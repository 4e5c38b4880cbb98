import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  containersOf,
  IMAGE,
  requireTestImage,
  startTestServer,
  untilEnded,
  type Execution,
} from './serve-helpers.js';

before(requireTestImage);

/** The spec's example call: inputs api_key and base_url, read as ${inputs.…}; an output comes back. */
const SPEC_EXAMPLE = `
name: Fetch data
inputs:
  api_key: { required: true, secret: true }
  base_url: { default: "https://api.example.com" }
container_config: { image: ${IMAGE} }
steps:
  - id: fetch-data
    command: [sh, -c, 'echo "fetching $BASE_URL with $API_KEY"; echo "result=got $BASE_URL" >> "$DAGGER_OUTPUT"']
    environment:
      API_KEY: "\${inputs.api_key}"
      BASE_URL: "\${inputs.base_url}"
  - id: process-data
    command: [sh, -c, 'echo "result=processed ($RAW)" >> "$DAGGER_OUTPUT"']
    environment: { RAW: "\${steps.fetch-data.outputs.result}" }
    depends_on: [fetch-data]
outputs:
  - name: result
    description: The result of the workflow
    value: "\${steps.process-data.outputs.result}"
`;

const SECRET = 'your_api_key_7f3a';

void test('the spec example: POST execute with inputs answers 202 at once; polling gives the outputs', async () => {
  const { api, getJson } = await startTestServer({ 'dagger/workflows/fetch.yaml': SPEC_EXAMPLE });
  const response = await api('/dagger/workflows/fetch/execute', {
    method: 'POST',
    json: { inputs: { api_key: SECRET, base_url: 'https://example.org' } },
  });
  assert.equal(response.status, 202);
  const accepted = (await response.json()) as { execution_id: string; status: string };
  assert.deepEqual(Object.keys(accepted).sort(), ['execution_id', 'status']);
  assert.ok(['queued', 'running'].includes(accepted.status));
  assert.equal(response.headers.get('location'), `/dagger/executions/${accepted.execution_id}`);

  const execution = await untilEnded(getJson, accepted.execution_id);
  assert.equal(execution.status, 'succeeded');
  assert.deepEqual(execution.outputs, { result: 'processed (got https://example.org)' });
  assert.equal(execution.workflow_id, 'fetch');
  assert.equal(execution.execution_id, accepted.execution_id);
  // Secret inputs are never echoed.
  assert.deepEqual(execution.inputs, { api_key: '***', base_url: 'https://example.org' });
  assert.deepEqual(execution.secret_inputs, ['api_key']);
  // The `run --json` step entries.
  assert.deepEqual(Object.keys(execution.steps), ['fetch-data', 'process-data']);
  for (const step of Object.values(execution.steps)) {
    assert.equal(step.status, 'succeeded');
    assert.equal(step.exit_code, 0);
    assert.equal(step.attempts, 1);
  }
  assert.deepEqual(await containersOf(accepted.execution_id), []);
});

void test('?wait=SECONDS answers 200 with the whole execution when it ends in time, 202 when it does not', async () => {
  const { api } = await startTestServer({
    'quick.dagger.yaml': `name: quick\nsteps:\n  - { id: hi, image: ${IMAGE}, command: [sh, -c, 'echo "v=1" >> "$DAGGER_OUTPUT"'] }\noutputs:\n  - { name: v, value: "\${steps.hi.outputs.v}" }\n`,
    'slow.dagger.yaml': `name: slow\nsteps:\n  - { id: nap, image: ${IMAGE}, command: [sleep, "30"] }\n`,
  });
  const quick = await api('/dagger/workflows/quick/execute?wait=120', { method: 'POST' });
  assert.equal(quick.status, 200);
  const done = (await quick.json()) as Execution;
  assert.equal(done.status, 'succeeded');
  assert.deepEqual(done.outputs, { v: '1' });
  assert.equal(quick.headers.get('location'), `/dagger/executions/${done.execution_id}`);

  const slow = await api('/dagger/workflows/slow/execute?wait=0.5', { method: 'POST' });
  assert.equal(slow.status, 202);
  const pending = (await slow.json()) as { execution_id: string; status: string };
  assert.ok(['queued', 'running'].includes(pending.status));
  assert.equal(
    (await api(`/dagger/executions/${pending.execution_id}/cancel`, { method: 'POST' })).status,
    202,
  );
});

void test('a secret input is *** in the execution, its logs, its events and every file of the state folder', async () => {
  const { api, getJson, stateDir } = await startTestServer({ 'dagger/workflows/fetch.yaml': SPEC_EXAMPLE });
  const response = await api('/dagger/workflows/fetch/execute?wait=120', {
    method: 'POST',
    json: { inputs: { api_key: SECRET } },
  });
  const execution = (await response.json()) as Execution;
  assert.equal(execution.status, 'succeeded');
  const log = await (await api(`/dagger/executions/${execution.execution_id}/steps/fetch-data/logs`)).text();
  assert.equal(log, 'fetching https://api.example.com with ***\n');
  const events = await (await api(`/dagger/executions/${execution.execution_id}/events`)).text();
  assert.match(events, /with \*\*\*/);
  const listing = JSON.stringify(await getJson('/dagger/executions'));
  for (const text of [JSON.stringify(execution), log, events, listing]) assert.ok(!text.includes(SECRET));
  const folder = join(stateDir, 'executions', execution.execution_id);
  const files = readdirSync(folder);
  assert.deepEqual(files.sort(), [
    'events.jsonl',
    'execution.json',
    'fetch-data.log',
    'process-data.log',
    'run.json',
  ]);
  for (const file of files) assert.ok(!readFileSync(join(folder, file), 'utf8').includes(SECRET), file);
  // run.json keeps the inputs for a rerun: secret ones as ***, with their names.
  const record = JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(record.inputs, { api_key: '***', base_url: 'https://api.example.com' });
  assert.deepEqual(record.secretInputs, ['api_key']);
});

void test('step logs as text from a byte offset, with the next offset and whether more may come', async () => {
  const { api } = await startTestServer({
    'talk.dagger.yaml': `name: talk\nsteps:\n  - { id: talk, image: ${IMAGE}, command: [sh, -c, 'echo one; echo two >&2; echo three'] }\n`,
  });
  const execution = (await (
    await api('/dagger/workflows/talk/execute?wait=120', { method: 'POST' })
  ).json()) as Execution;
  const whole = await api(`/dagger/executions/${execution.execution_id}/steps/talk/logs`);
  assert.equal(whole.status, 200);
  assert.match(whole.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await whole.text();
  assert.deepEqual(text.split('\n').sort(), ['', 'one', 'three', 'two']);
  assert.equal(whole.headers.get('x-next-offset'), String(Buffer.byteLength(text)));
  assert.equal(whole.headers.get('x-more-data'), 'false');
  const rest = await api(`/dagger/executions/${execution.execution_id}/steps/talk/logs?offset=4`);
  assert.equal(await rest.text(), text.slice(4));
  const end = await api(
    `/dagger/executions/${execution.execution_id}/steps/talk/logs?offset=${Buffer.byteLength(text)}`,
  );
  assert.equal(await end.text(), '');
  const past = await api(`/dagger/executions/${execution.execution_id}/steps/talk/logs?offset=9999`);
  assert.equal(past.status, 400);
  const noStep = await api(`/dagger/executions/${execution.execution_id}/steps/nope/logs`);
  assert.equal(noStep.status, 404);
  assert.match(((await noStep.json()) as { detail: string }).detail, /no step "nope" \(steps: talk\)/);
});

void test('executions are listed newest first, filtered by workflow and status, page by page', async () => {
  const { api, getJson } = await startTestServer({
    'ok.dagger.yaml': `name: ok\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["true"] }\n`,
    'bad.dagger.yaml': `name: bad\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["false"] }\n`,
  });
  const ids: string[] = [];
  for (const workflow of ['ok', 'bad', 'ok', 'bad', 'ok']) {
    const response = await api(`/dagger/workflows/${workflow}/execute?wait=120`, { method: 'POST' });
    ids.push(((await response.json()) as Execution).execution_id);
  }
  type Page = {
    executions: { execution_id: string; workflow_id: string; status: string }[];
    next_cursor: string | null;
  };
  const all = await getJson<Page>('/dagger/executions');
  assert.deepEqual(
    all.executions.map((e) => e.execution_id),
    [...ids].reverse(),
  );
  assert.equal(all.next_cursor, null);
  const failed = await getJson<Page>('/dagger/executions?status=failed');
  assert.deepEqual(
    failed.executions.map((e) => e.execution_id),
    [ids[3], ids[1]],
  );
  const ok = await getJson<Page>('/dagger/executions?workflow=ok&status=succeeded');
  assert.deepEqual(
    ok.executions.map((e) => e.execution_id),
    [ids[4], ids[2], ids[0]],
  );
  const seen: string[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const page: Page = await getJson<Page>(`/dagger/executions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(page.executions.length <= 2);
    seen.push(...page.executions.map((e) => e.execution_id));
    cursor = page.next_cursor;
  }
  assert.deepEqual(seen, [...ids].reverse());
  assert.equal((await api('/dagger/executions?status=bogus')).status, 400);
  assert.equal((await api('/dagger/executions?cursor=nonsense')).status, 400);
  assert.equal((await api('/dagger/executions/20990101-000000-0000')).status, 404);
});

void test('--keep: past the newest N, ended executions are deleted (folder and all) and no longer served', async () => {
  const { api, getJson, stateDir } = await startTestServer(
    { 'ok.dagger.yaml': `name: ok\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["true"] }\n` },
    { keep: 2 },
  );
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await api('/dagger/workflows/ok/execute?wait=120', { method: 'POST' });
    ids.push(((await response.json()) as Execution).execution_id);
  }
  const listed = await getJson<{ executions: { execution_id: string }[] }>('/dagger/executions');
  assert.deepEqual(
    listed.executions.map((e) => e.execution_id),
    [ids[2], ids[1]],
  );
  assert.deepEqual(readdirSync(join(stateDir, 'executions')).sort(), [ids[1], ids[2]].sort());
  assert.equal((await api(`/dagger/executions/${ids[0]}`)).status, 404);
});
