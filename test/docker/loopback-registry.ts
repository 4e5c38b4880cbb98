import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after } from 'node:test';
import { IMAGE, waitFor, workspace } from './run-helpers.js';

// A real registry on loopback (Debian's docker-registry; the engine trusts 127.0.0.0/8 without TLS), with
// htpasswd users when asked for, and a proxy in front of it that fails the way registries and networks do.

/** A running registry: pull from `${host}/…`. */
export interface LoopbackRegistry {
  /** `localhost:<port>`. */
  host: string;
  port: number;
}

const started: ChildProcess[] = [];
const localImages: string[] = [];
after(() => {
  for (const registry of started) registry.kill();
  for (const image of localImages) execFileSync('sh', ['-c', `docker rmi ${image} >/dev/null 2>&1 || true`]);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Fails early with the fix when a tool the registry tests need is missing. */
function requireTool(tool: string, fix: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${tool} is missing: ${fix}`);
  }
}

/** Start a registry (stopped when the test file ends); with `users`, it wants htpasswd basic auth. */
export async function startRegistry(users: Record<string, string> = {}): Promise<LoopbackRegistry> {
  requireTool('docker-registry', 'run scripts/ci/start-docker.sh (apt-get install docker-registry)');
  const port = await freePort();
  const dir = workspace({});
  let auth = '';
  if (Object.keys(users).length > 0) {
    requireTool('htpasswd', 'run scripts/ci/start-docker.sh (apt-get install apache2-utils)');
    // bcrypt (-B) is the only hash the registry accepts; -i reads the password from stdin, not argv.
    const lines = Object.entries(users).map(([user, password]) =>
      execFileSync('htpasswd', ['-Bin', user], { input: password, encoding: 'utf8' }),
    );
    writeFileSync(join(dir, 'htpasswd'), lines.join(''));
    auth = `auth: { htpasswd: { realm: dagger-wf-test, path: ${dir}/htpasswd } }\n`;
  }
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${dir}/data } }\n` +
      `http: { addr: 127.0.0.1:${port} }\n${auth}`,
  );
  const registry = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  started.push(registry);
  let up = false;
  await waitFor(() => {
    // 401 counts: the registry answers, it wants credentials.
    void fetch(`http://127.0.0.1:${port}/v2/`).then(
      (response) => (up = response.ok || response.status === 401),
      () => undefined,
    );
    return up;
  }, 'the registry to answer');
  return { host: `localhost:${port}`, port };
}

/**
 * Push the test image as `${host}/${name}` (logging in with `login` into the docker config folder
 * `configDir` first), then remove it locally so that a run has to pull it. Returns the image.
 */
export function pushTestImage(
  registry: LoopbackRegistry,
  name: string,
  login?: { configDir: string; user: string; password: string },
): string {
  const image = `${registry.host}/${name}`;
  const config = login ? ['--config', login.configDir] : [];
  if (login)
    execFileSync('docker', [...config, 'login', '-u', login.user, '--password-stdin', registry.host], {
      input: login.password,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
  execFileSync('docker', ['tag', IMAGE, image]);
  localImages.push(image);
  execFileSync('docker', [...config, 'push', image], { stdio: 'ignore' });
  execFileSync('docker', ['rmi', image], { stdio: 'ignore' });
  return image;
}

/** How the proxy fails the manifest requests of the engine's first `attempts` pull attempts. */
export interface Fault {
  attempts: number;
  /** `503`: answer 503 Service Unavailable; `reset`: reset the connection (TCP RST) without answering. */
  answer: '503' | 'reset';
}

export interface FaultyProxy extends LoopbackRegistry {
  /** Pull attempts seen: the engine starts each one with `GET /v2/`. */
  attempts(): number;
  close(): Promise<void>;
}

/** An HTTP proxy on loopback in front of `registry`, failing as `fault` says and passing the rest. */
export async function startFaultyProxy(registry: LoopbackRegistry, fault: Fault): Promise<FaultyProxy> {
  let attempts = 0;
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/v2/' && req.method === 'GET') attempts++;
    if (req.url?.includes('/manifests/') && attempts <= fault.attempts) {
      if (fault.answer === 'reset') req.socket.resetAndDestroy();
      else res.writeHead(503).end('registry busy');
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: registry.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `localhost:${port}`,
    port,
    attempts: () => attempts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
