import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  IMAGE,
  readEvents,
  requireTestImage,
  startTestServer,
  TOKEN,
  untilEnded,
  type SseEvent,
} from './serve-helpers.js';

before(requireTestImage);

const CHATTY = `
name: chatty
container_config: { image: ${IMAGE} }
steps:
  - id: first
    command: [sh, -c, 'for i in 1 2 3 4 5; do echo "line $i"; sleep 0.2; done; echo "n=5" >> "$DAGGER_OUTPUT"']
  - id: second
    command: [sh, -c, 'echo "got $N"']
    environment: { N: "\${steps.first.outputs.n}" }
    depends_on: [first]
outputs:
  - { name: n, value: "\${steps.first.outputs.n}" }
`;

/** The run events of a stream, parsed, in the order received. */
function runEvents(events: SseEvent[]) {
  return events
    .filter((event) => event.event !== 'end')
    .map((event) => ({
      id: Number(event.id),
      ...(JSON.parse(event.data) as { type: string; stepId?: string; text?: string }),
    }));
}

void test('SSE: every run event in order with ids 1…n and its type as the event name, then end; the same as the record', async () => {
  const { api, url, stateDir } = await startTestServer({ 'chatty.dagger.yaml': CHATTY });
  const accepted = (await (await api('/dagger/workflows/chatty/execute', { method: 'POST' })).json()) as {
    execution_id: string;
  };
  const stream = await readEvents(`${url}/dagger/executions/${accepted.execution_id}/events`);
  assert.equal(stream.status, 200);
  assert.match(stream.contentType ?? '', /^text\/event-stream/);
  const events = runEvents(stream.events);
  assert.deepEqual(
    events.map((event) => event.id),
    events.map((_, index) => index + 1),
  );
  for (const event of stream.events.filter((e) => e.event !== 'end'))
    assert.equal(event.event, (JSON.parse(event.data) as { type: string }).type);
  assert.equal(events[0]?.type, 'runStarted');
  assert.equal(events.at(-1)?.type, 'runFinished');
  const stepOrder = events.flatMap((e) =>
    e.type === 'stepStarted' || e.type === 'stepFinished' ? [`${e.type} ${e.stepId}`] : [],
  );
  assert.deepEqual(stepOrder, [
    'stepStarted first',
    'stepFinished first',
    'stepStarted second',
    'stepFinished second',
  ]);
  const firstLog = events
    .filter((e) => e.type === 'log' && e.stepId === 'first')
    .map((e) => e.text)
    .join('');
  assert.equal(firstLog, 'line 1\nline 2\nline 3\nline 4\nline 5\n');
  const end = stream.events.at(-1);
  assert.equal(end?.event, 'end');
  assert.equal(end?.id, String(events.length + 1));
  assert.deepEqual(JSON.parse(end?.data ?? ''), { execution_id: accepted.execution_id, status: 'succeeded' });
  // The stream is the events file, event for event.
  const saved = readFileSync(join(stateDir, 'executions', accepted.execution_id, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
  assert.deepEqual(
    saved,
    stream.events.filter((e) => e.event !== 'end').map((e) => JSON.parse(e.data) as unknown),
  );
});

void test('SSE: a client that reconnects with Last-Event-ID gets every later event, none twice, live and after the end', async () => {
  const { api, url, getJson } = await startTestServer({ 'chatty.dagger.yaml': CHATTY });
  const accepted = (await (await api('/dagger/workflows/chatty/execute', { method: 'POST' })).json()) as {
    execution_id: string;
  };
  const eventsUrl = `${url}/dagger/executions/${accepted.execution_id}/events`;
  // Drop the connection mid-run, right after the second log line of step first.
  const before = await readEvents(eventsUrl, {}, (events) =>
    events.some((event) => event.event === 'log' && event.data.includes('line 2')),
  );
  const lastId = before.events.at(-1)?.id;
  assert.ok(lastId);
  const resumed = await readEvents(eventsUrl, { 'last-event-id': lastId });
  assert.equal(resumed.events[0]?.id, String(Number(lastId) + 1), 'no gap');
  const whole = await readEvents(eventsUrl);
  assert.deepEqual([...before.events, ...resumed.events], whole.events, 'nothing missed, nothing twice');
  const execution = await untilEnded(getJson, accepted.execution_id);
  assert.equal(execution.status, 'succeeded');
  // After the end: a resume from the middle replays from the file; one past the end answers 204 (stop).
  const tail = await readEvents(eventsUrl, { 'last-event-id': String(whole.events.length - 2) });
  assert.deepEqual(tail.events, whole.events.slice(-2));
  const done = await readEvents(eventsUrl, { 'last-event-id': String(whole.events.length) });
  assert.equal(done.status, 204);
  const bad = await fetch(eventsUrl, { headers: { authorization: `Bearer ${TOKEN}`, 'last-event-id': 'x' } });
  assert.equal(bad.status, 400);
});

void test('SSE: a queued execution streams keep-alive pings until it starts; events come once it runs', async () => {
  const { api, url } = await startTestServer(
    {
      'block.dagger.yaml': `name: block\nsteps:\n  - { id: wait, image: ${IMAGE}, command: [sleep, "60"] }\n`,
      'chatty.dagger.yaml': CHATTY,
    },
    { maxRuns: 1, keepAliveMs: 50 },
  );
  const blocker = (await (await api('/dagger/workflows/block/execute', { method: 'POST' })).json()) as {
    execution_id: string;
  };
  const queued = (await (await api('/dagger/workflows/chatty/execute', { method: 'POST' })).json()) as {
    execution_id: string;
    status: string;
  };
  assert.equal(queued.status, 'queued');
  let cancelled = false;
  const stream = await readEvents(`${url}/dagger/executions/${queued.execution_id}/events`, {}, (events) => {
    if (!cancelled) {
      cancelled = true;
      // Free the slot once the stream is open: the queued execution starts.
      setTimeout(
        () => void api(`/dagger/executions/${blocker.execution_id}/cancel`, { method: 'POST' }),
        300,
      );
    }
    return events.some((event) => event.event === 'end');
  });
  assert.ok(stream.comments.filter((comment) => comment.trim() === 'ping').length >= 2, 'pings while queued');
  assert.equal(runEvents(stream.events)[0]?.type, 'runStarted');
  assert.equal(stream.events.at(-1)?.event, 'end');
});
