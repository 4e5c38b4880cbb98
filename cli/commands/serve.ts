import { availableParallelism, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import packageJson from '../../package.json';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import type { ShutdownMode } from '../../serve/executions/execution-service.js';
import type { RunningServer } from '../../serve/start-server.js';
import { parseCommandArgs, UsageError, type CliCommand } from '../command.js';

const HELP = `Usage: dagger-wf serve [DIR] [--host 127.0.0.1] [--port 8000] [--state-dir DIR]
                       [--max-runs N] [--max-parallel N] [--keep N] [--allow-host NAME]…
                       [--on-shutdown cancel|finish]

Serve the workflow files under DIR (default: the current folder) over HTTP: POST
/dagger/workflows/<id>/execute with {"inputs": {…}} runs one on the local Docker engine, as
dagger-wf run would. A workflow's id is its file name without .dagger.yaml, .dagger.yml, .yaml or .yml.
Every route but GET /healthz needs "Authorization: Bearer <token>": the token is $DAGGER_WF_TOKEN, else the
one written once to <state dir>/serve-token (mode 0600). GET /openapi.json describes every route.

Whoever can call the API can start containers with any host folder mounted: keep the token secret, and
listen beyond 127.0.0.1 only on a network you trust.

Options:
  --host HOST          address to listen on (default 127.0.0.1)
  --port PORT          port (default 8000; 0: any free port)
  --state-dir DIR      token, lock and executions (default: $XDG_STATE_HOME/dagger-wf, else
                       ~/.local/state/dagger-wf); executions are kept in <state dir>/executions/<id>/
  --max-runs N         executions running at once; the others queue (default: number of CPUs)
  --max-parallel N     steps at once within one execution (default: number of CPUs)
  --keep N             ended executions to keep; the oldest go (default 500)
  --allow-host NAME    also answer requests whose Host header is NAME (repeatable); by default only
                       localhost, 127.0.0.1, ::1 and --host are answered (a guard against DNS rebinding)
  --on-shutdown MODE   on SIGTERM or Ctrl-C: cancel the running executions (default), or finish them;
                       queued ones are cancelled either way; a second signal kills the containers at once
  -h, --help           show this help

Exit codes: 0 stopped by a signal; 2 usage, or the server cannot start (duplicate workflow ids, port in use).`;

/** `dagger-wf serve`: options, start-up lines and signals; the server itself is serve/. */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the workflows of a folder over HTTP (REST API)',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('serve', argv, {
      host: { type: 'string' },
      port: { type: 'string' },
      'state-dir': { type: 'string' },
      'max-runs': { type: 'string' },
      'max-parallel': { type: 'string' },
      keep: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'on-shutdown': { type: 'string' },
    });
    if (positionals.length > 1)
      throw new UsageError(
        `serve: expected at most one folder, got ${positionals.length} (see dagger-wf serve --help)`,
      );
    const log = (line: string) => process.stderr.write(`dagger-wf serve: ${line}\n`);
    const host = values.host ?? '127.0.0.1';
    // The server (Fastify and its plugins) is loaded for this command only: the others start as fast as before.
    const { startServer, isStartupProblem } = await import('../../serve/start-server.js');
    let server: RunningServer;
    try {
      server = await startServer({
        workflowsDir: resolve(positionals[0] ?? '.'),
        stateDir: resolve(values['state-dir'] ?? defaultStateDir()),
        host,
        port: wholeNumber('--port', values.port, 8000, 0, 65535),
        allowHosts: values['allow-host'] ?? [],
        maxRuns: wholeNumber('--max-runs', values['max-runs'], availableParallelism(), 1),
        maxParallel:
          values['max-parallel'] === undefined
            ? undefined
            : wholeNumber('--max-parallel', values['max-parallel'], 1, 1),
        keep: wholeNumber('--keep', values.keep, 500, 1),
        env: process.env,
        runtime: createDockerRuntime(),
        version: packageJson.version,
        log,
      });
    } catch (error) {
      if (!isStartupProblem(error)) throw error;
      return reportStartError(error, host, values.port ?? '8000');
    }
    const shutdownMode = chooseShutdownMode(values['on-shutdown']);
    printStartup(server, host, values['allow-host'] ?? [], log);
    return new Promise<number>((resolveExit) => stopOnSignals(server, shutdownMode, log, resolveExit));
  },
};

function printStartup(
  server: RunningServer,
  host: string,
  allowHosts: readonly string[],
  log: (line: string) => void,
): void {
  const invalid = server.workflows.filter((workflow) => workflow.errors.length);
  const count = `${server.workflows.length} workflow${server.workflows.length === 1 ? '' : 's'}`;
  log(`${count}${invalid.length ? ` (invalid: ${invalid.map((workflow) => workflow.id).join(', ')})` : ''}`);
  log(
    `token: ${server.token.source}${server.token.created ? ' (new)' : ''}; send it as Authorization: Bearer <token>`,
  );
  if (server.interrupted.length)
    log(
      `${server.interrupted.length} execution${server.interrupted.length === 1 ? ' was' : 's were'} interrupted by the last stop: ${server.interrupted.join(', ')}`,
    );
  if (!['127.0.0.1', 'localhost', '::1'].includes(host))
    log(
      `listening beyond this machine: whoever has the token can start containers with host folders mounted`,
    );
  if ((host === '0.0.0.0' || host === '::') && allowHosts.length === 0)
    log('requests name this machine in their Host header: allow those names with --allow-host (else 403)');
  log(`listening on ${server.url} (API description: ${server.url}/openapi.json)`);
}

/** First SIGTERM/SIGINT/SIGHUP: shut down gracefully; second: kill the containers at once. */
function stopOnSignals(
  server: RunningServer,
  mode: ShutdownMode,
  log: (line: string) => void,
  exit: (code: number) => void,
): void {
  let count = 0;
  const onSignal = () => {
    count++;
    if (count === 1) {
      log(
        `shutting down: ${mode === 'cancel' ? 'cancelling' : 'finishing'} the running executions (signal again to kill their containers)`,
      );
      server.shutdown(mode).then(
        () => {
          log('stopped');
          exit(0);
        },
        (error: unknown) => {
          log(`error while shutting down: ${String(error)}`);
          exit(1);
        },
      );
    } else {
      log('killing the containers of the running executions');
      server.forceCancel();
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

/** One line for a server that cannot start (exit code 2). */
function reportStartError(error: Error, host: string, port: string): number {
  const code = (error as NodeJS.ErrnoException).code;
  let message = error.message;
  if (code === 'EADDRINUSE') message = `port ${port} on ${host} is in use (choose another with --port)`;
  else if (code === 'EACCES') message = `no permission to listen on ${host}:${port}`;
  else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    message = `cannot listen on ${host}: no such address here`;
  process.stderr.write(`dagger-wf serve: ${message}\n`);
  return 2;
}

function chooseShutdownMode(value: string | undefined): ShutdownMode {
  if (value === undefined) return 'cancel';
  if (value === 'cancel' || value === 'finish') return value;
  throw new UsageError(`serve: unknown --on-shutdown "${value}" (use cancel or finish)`);
}

function wholeNumber(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(
      `serve: ${flag} "${text}" is not a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}`,
    );
  return value;
}

/** `$XDG_STATE_HOME/dagger-wf`, else `~/.local/state/dagger-wf` (where `dagger-wf run` keeps its runs too). */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'dagger-wf');
}
