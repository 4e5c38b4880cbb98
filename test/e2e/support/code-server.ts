import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, CODE_SERVER_ENTRY, FIXTURE_WORKSPACE, NODE24 } from './paths.js';

export interface CodeServerOptions {
  /** Test name, used for the log file in test-artifacts/. */
  name: string;
  /** Leave Workspace Trust on (the untrusted-workspace test); off by default. */
  workspaceTrust?: boolean;
  /** Accept extensionDevelopmentPath / extensionTestsPath payloads (integration tests). */
  smokeTestDriver?: boolean;
  /** A .vsix to install into the (otherwise empty) extensions folder before starting. */
  vsix?: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
}

export interface CodeServer {
  port: number;
  origin: string;
  /** A fresh copy of the fixture workspace. */
  workspace: string;
  /** The throwaway HOME/XDG/TMPDIR root. */
  home: string;
  /** URL of the workbench with the workspace open. */
  workbenchUrl(query?: Record<string, string>): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start code-server isolated from this machine's user (HOME, XDG folders and TMPDIR in a temp folder, no
 * marketplace, telemetry off), so the tests see the workbench a new user would, and wait for /healthz.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), 'dagger-e2e-'));
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  const workspace = join(home, 'workspace');
  for (const dir of [userData, extensions, join(home, 'tmp'), join(userData, 'User')])
    mkdirSync(dir, { recursive: true });
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'git.enabled': false,
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'window.restoreWindows': 'none',
      'editor.codeLens': true,
      // Keep the AI chat side bar closed: screenshots show the extension, not an empty chat.
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...options.settings,
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TMPDIR: join(home, 'tmp'),
    EXTENSIONS_GALLERY: '{}',
    ...options.env,
  };
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  if (options.vsix) {
    const install = spawnSync(NODE24, [CODE_SERVER_ENTRY, ...common, '--install-extension', options.vsix], {
      env,
      encoding: 'utf8',
    });
    if (install.status !== 0)
      throw new Error(`installing ${options.vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }
  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    '--ignore-last-opened',
  ];
  if (!options.workspaceTrust) args.push('--disable-workspace-trust');
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = createWriteStream(join(ARTIFACTS, `code-server-${options.name}.log`));
  const child = spawn(NODE24, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(origin, child);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    port,
    origin,
    workspace,
    home,
    workbenchUrl: (query = {}) => {
      const params = new URLSearchParams({ folder: workspace, ...query });
      return `${origin}/?${params.toString()}`;
    },
    stop: async () => {
      await stopProcess(child);
      log.end();
      rmSync(home, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

async function waitForHealth(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`code-server exited with ${child.exitCode} before answering`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('code-server did not answer /healthz within 60 s');
}

/** Stop code-server and everything it started (extension hosts, language servers): its process group. */
async function stopProcess(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (child.exitCode !== null || pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
