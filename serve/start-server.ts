import { mkdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describeFileError } from '../core/parse/describe-file-error.js';
import { RunSetupError } from '../core/run/run-errors.js';
import type { ContainerRuntime } from '../core/run/runtime.js';
import { sweepOrphanOutputDirs, sweepOrphans } from '../core/run/sweep-orphans.js';
import { createApp, type ServeApp } from './create-app.js';
import { ExecutionService, type ShutdownMode } from './executions/execution-service.js';
import { ExecutionStore } from './executions/execution-store.js';
import { recoverExecutions } from './executions/recover-executions.js';
import { allowedHostNames } from './security/allowed-hosts.js';
import { loadServeToken, TOKEN_VARIABLE, TokenError, type ServeToken } from './security/bearer-token.js';
import { lockStateDir, StateLockError } from './state-lock.js';
import {
  DuplicateWorkflowIdError,
  WorkflowCatalog,
  type CatalogWorkflow,
} from './workflows/workflow-catalog.js';

export interface ServeSettings {
  /** The folder whose workflow files are served. */
  workflowsDir: string;
  /** Token file, lock and executions (`<state dir>/executions/<id>/`). */
  stateDir: string;
  host: string;
  /** 0: any free port. */
  port: number;
  /** More names the Host header may carry (`--allow-host`). */
  allowHosts: string[];
  /** Most runs at once; the others queue. */
  maxRuns: number;
  /** Most steps at once in one run (default: the number of CPUs). */
  maxParallel?: number;
  /** How many ended executions to keep. */
  keep: number;
  /** Milliseconds between keep-alive comments on event streams; default 15 s. */
  keepAliveMs?: number;
  env: NodeJS.ProcessEnv;
  runtime: ContainerRuntime;
  version: string;
  /** Where the server reports (start-up, executions, internal errors). */
  log: (line: string) => void;
}

export interface RunningServer extends ServeApp {
  url: string;
  token: ServeToken;
  workflows: CatalogWorkflow[];
  /** Executions the previous server left unfinished, now ended as interrupted. */
  interrupted: string[];
  /** Stop accepting, end event streams, end or finish the runs, flush records, release the state folder. */
  shutdown(mode: ShutdownMode): Promise<void>;
  /** Kill the containers of every running execution now (a second SIGTERM). */
  forceCancel(): void;
}

/** A problem that stops the server from starting: printed as one line, exit code 2. */
export class ServeSetupError extends Error {}

/** Errors that are the user's or the machine's, not the server's: reported as one line, exit code 2. */
const LISTEN_ERRORS = ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND'];

/** Whether an error from startServer is a start-up problem to report as one line (else it is a bug). */
export function isStartupProblem(error: unknown): error is Error {
  return (
    error instanceof ServeSetupError ||
    error instanceof DuplicateWorkflowIdError ||
    error instanceof TokenError ||
    error instanceof StateLockError ||
    error instanceof RunSetupError ||
    (error instanceof Error && LISTEN_ERRORS.includes((error as NodeJS.ErrnoException).code ?? ''))
  );
}

/**
 * Start `dagger-wf serve`: take the state folder, load the token, check the workflow ids, recover the
 * executions a previous server left (ending unfinished ones as interrupted and sweeping their containers),
 * then listen.
 */
export async function startServer(settings: ServeSettings): Promise<RunningServer> {
  checkFolder(settings.workflowsDir);
  try {
    mkdirSync(settings.stateDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ServeSetupError(
      `cannot use the state folder ${settings.stateDir}: ${describeFileError(error)}`,
    );
  }
  const lock = lockStateDir(settings.stateDir);
  try {
    const token = loadServeToken(settings.stateDir, settings.env);
    const catalog = new WorkflowCatalog(settings.workflowsDir);
    catalog.assertUniqueIds();
    const executionsDir = join(settings.stateDir, 'executions');
    mkdirSync(executionsDir, { recursive: true, mode: 0o700 });
    const recovered = recoverExecutions(executionsDir);
    // In the background: a frozen engine must not keep the server from starting (/readyz tells).
    void sweepLeftovers(settings);
    // A workflow's `${VAR}` reads the server's environment, never its token.
    const hostEnv = { ...settings.env, [TOKEN_VARIABLE]: undefined };
    const store = new ExecutionStore(recovered.executions);
    const service = new ExecutionService(store, {
      runtime: settings.runtime,
      executionsDir,
      maxParallel: settings.maxParallel,
      hostEnv,
      maxRuns: settings.maxRuns,
      keep: settings.keep,
      log: settings.log,
    });
    const served = await createApp({
      context: {
        catalog,
        store,
        service,
        runtime: settings.runtime,
        hostEnv,
        keepAliveMs: settings.keepAliveMs ?? 15_000,
      },
      token: token.value,
      allowedHosts: allowedHostNames(settings.host, settings.allowHosts),
      version: settings.version,
      log: settings.log,
    });
    await served.app.listen({ host: settings.host, port: settings.port });
    const { port } = served.app.server.address() as AddressInfo;
    const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
    return {
      ...served,
      url: `http://${host}:${port}`,
      token,
      workflows: catalog.list(),
      interrupted: recovered.interrupted,
      async shutdown(mode) {
        const finishing = service.shutdown(mode);
        await served.app.close();
        await finishing;
        lock.release();
      },
      forceCancel: () => service.cancelAll(true),
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function checkFolder(dir: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch (error) {
    throw new ServeSetupError(`cannot serve ${dir}: ${describeFileError(error)}`);
  }
  if (!isFolder) throw new ServeSetupError(`cannot serve ${dir}: not a folder`);
}

/** Containers and output folders of runs whose process died (the previous server's, among others). */
async function sweepLeftovers(settings: ServeSettings): Promise<void> {
  try {
    sweepOrphanOutputDirs();
  } catch {
    // Another process's leftovers must not stop the server.
  }
  try {
    const removed = await sweepOrphans(settings.runtime);
    if (removed)
      settings.log(`removed ${removed} container${removed === 1 ? '' : 's'} left by runs whose process died`);
  } catch (error) {
    settings.log(
      `cannot reach the Docker engine to remove leftover containers: ${error instanceof Error ? error.message : String(error)} (/readyz answers 503 until it is back)`,
    );
  }
}
