import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { LABEL_RUN } from '../../core/run/sweep-orphans.js';
import type { ContainerRuntime } from '../../core/run/runtime.js';
import { startServer, type RunningServer, type ServeSettings } from '../../serve/start-server.js';
import { runtime, waitFor, workspace } from '../docker/run-helpers.js';

export { IMAGE, requireTestImage, runtime, waitFor, workspace } from '../docker/run-helpers.js';

export const TOKEN = 'test-token-0123456789';

/** A server under test, in this process, on a free loopback port, with a fresh state folder. */
export interface TestServer {
  server: RunningServer;
  url: string;
  stateDir: string;
  workflowsDir: string;
  logLines: string[];
  /** fetch with the token (unless `headers.authorization` says otherwise), against the server's URL. */
  api: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  /** The JSON of a GET, asserting 200. */
  getJson: <T = Record<string, unknown>>(path: string) => Promise<T>;
}

/** dist/ copied once per test file (see bundledCli). */
let distCopy: string | undefined;

const servers: RunningServer[] = [];
// At the top level, so these run when the test file ends (an `after` inside a test runs when that test ends).
after(async () => {
  for (const server of servers) await server.shutdown('cancel').catch(() => undefined);
  if (distCopy) rmSync(join(distCopy, '..', '..'), { recursive: true, force: true });
});

/** Start `dagger-wf serve` in-process over `files` (path -> content). */
export async function startTestServer(
  files: Record<string, string>,
  settings: Partial<ServeSettings> = {},
): Promise<TestServer> {
  const workflowsDir = settings.workflowsDir ?? workspace(files);
  const stateDir = settings.stateDir ?? workspace({});
  const logLines: string[] = [];
  const server = await startServer({
    workflowsDir,
    stateDir,
    host: '127.0.0.1',
    port: 0,
    allowHosts: [],
    maxRuns: 4,
    keep: 500,
    env: { PATH: process.env.PATH, DAGGER_WF_TOKEN: TOKEN },
    runtime,
    version: 'test',
    log: (line) => logLines.push(line),
    ...settings,
  });
  servers.push(server);
  return { server, url: server.url, stateDir, workflowsDir, logLines, ...client(server.url) };
}

/** An authenticated client of a server at `url`. */
export function client(url: string): Pick<TestServer, 'api' | 'getJson'> {
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TOKEN}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${url}${path}`, { ...init, headers, body });
  };
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await api(path);
    assert.equal(response.status, 200, `GET ${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  };
  return { api, getJson };
}

/** Poll GET /dagger/executions/{id} until its status is final; returns the execution. */
export async function untilEnded(
  getJson: TestServer['getJson'],
  id: string,
  timeoutMs = 120_000,
): Promise<Execution> {
  let execution: Execution | undefined;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    execution = await getJson<Execution>(`/dagger/executions/${id}`);
    if (!['queued', 'running'].includes(execution.status)) return execution;
    if (Date.now() > deadline) throw new Error(`execution ${id} still ${execution.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Poll a step's log (GET …/steps/{step}/logs) until it includes `text`: the step's container runs. */
export async function untilLogIncludes(
  api: TestServer['api'],
  id: string,
  step: string,
  text: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await (await api(`/dagger/executions/${id}/steps/${step}/logs`)).text()).includes(text)) {
    if (Date.now() > deadline) throw new Error(`step ${step} of ${id} never printed "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The JSON of GET /dagger/executions/{id}, as tests read it. */
export interface Execution {
  execution_id: string;
  workflow_id: string;
  status: string;
  reason?: string;
  outputs: Record<string, string>;
  steps: Record<
    string,
    {
      status: string;
      exit_code: number | null;
      attempts: number;
      reason?: string;
      outputs: Record<string, string>;
    }
  >;
  inputs: Record<string, string>;
  secret_inputs: string[];
  created_at: string;
  finished_at: string | null;
}

/** The containers (running or not) of one execution. */
export async function containersOf(id: string, engine: ContainerRuntime = runtime) {
  return engine.listContainers({ [LABEL_RUN]: id });
}

/** One Server-Sent Event as a test reads it. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Read an event stream until it ends (or `stopWhen` says so, which closes it); comments (pings) are counted.
 * Returns the status, the events and the number of comments.
 */
export async function readEvents(
  url: string,
  headers: Record<string, string> = {},
  stopWhen: (events: SseEvent[]) => boolean = () => false,
): Promise<{ status: number; contentType: string | null; events: SseEvent[]; comments: string[] }> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  if (response.status !== 200 || !response.body)
    return { status: response.status, contentType: response.headers.get('content-type'), events, comments };
  // eventsource-parser is an ES module; this file is CommonJS.
  const { createParser } = await import('eventsource-parser');
  const parser = createParser({
    onEvent: (message) => events.push({ id: message.id, event: message.event, data: message.data }),
    onComment: (comment) => comments.push(comment),
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body) {
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      if (stopWhen(events)) {
        abort.abort();
        break;
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  }
  return { status: 200, contentType: response.headers.get('content-type'), events, comments };
}

/** A `dagger-wf serve` child process, run from a copy of dist/ with no node_modules beside it. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** dist/ copied once per test file into a folder of its own: the bundle must run by itself. */
export function bundledCli(): string {
  if (!distCopy) {
    const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-dist-'));
    cpSync(resolve('dist'), join(dir, 'dist'), {
      recursive: true,
      filter: (path) => !path.endsWith('.vsix') && !path.endsWith('.map'),
    });
    distCopy = join(dir, 'dist', 'cli.js');
  }
  return distCopy;
}

/** Start `node <dist copy>/cli.js serve DIR --port 0 …` and wait for its "listening on" line. */
export async function spawnServer(
  workflowsDir: string,
  stateDir: string,
  args: string[] = [],
): Promise<ServerProcess> {
  const cli = bundledCli();
  const child = spawn(
    process.execPath,
    ['--', cli, 'serve', workflowsDir, '--port', '0', '--state-dir', stateDir, ...args],
    {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DAGGER_WF_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: join(cli, '..', '..'),
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit({ code, signal })),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  await waitFor(() => ended || /listening on http:\/\/\S+/.test(output), 'the server to listen', 60_000);
  const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
  assert.ok(url, `the server did not start:\n${output}`);
  return { child, url, output: () => output, exited };
}
