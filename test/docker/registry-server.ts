import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

// A real registry on loopback (Debian's docker-registry; the engine trusts 127.0.0.0/8 without TLS) and proxies
// in front of it, free of node:test so that benchmarks use them too (loopback-registry.ts ties them to a test
// file's lifetime).

/** A registry to pull from: `${host}/…`. */
export interface LoopbackRegistry {
  /** `localhost:<port>`. */
  host: string;
  port: number;
}

export interface RegistryServer extends LoopbackRegistry {
  stop(): void;
}

/** The local test image (scripts/ci/build-test-images.sh). */
export const TEST_IMAGE = 'dagger-test/busybox:latest';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Fails early with the fix when a tool the registry needs is missing. */
export function requireTool(tool: string, fix: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${tool} is missing: ${fix}`);
  }
}

/**
 * Start a registry keeping its data and configuration in `dir`; with `users`, it wants htpasswd basic auth.
 * Resolves once it answers.
 */
export async function startRegistryServer(
  dir: string,
  users: Record<string, string> = {},
): Promise<RegistryServer> {
  requireTool('docker-registry', 'run scripts/ci/start-docker.sh (apt-get install docker-registry)');
  const port = await freePort();
  mkdirSync(dir, { recursive: true });
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
  const stop = () => void registry.kill();
  for (let deadline = Date.now() + 30_000; ; await sleep(50)) {
    // 401 counts: the registry answers, it wants credentials.
    const status = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200 || status === 401) break;
    if (Date.now() > deadline) {
      stop();
      throw new Error('the registry did not answer within 30 s');
    }
  }
  return { host: `localhost:${port}`, port, stop };
}

/**
 * Make `tag` locally: the test image plus one layer holding `bytes` random bytes (incompressible, so a pull
 * moves them all). Different calls give different layers.
 */
export function buildImageWithRandomLayer(tag: string, bytes: number): void {
  const container = execFileSync('docker', ['create', TEST_IMAGE, 'true'], { encoding: 'utf8' }).trim();
  const blob = join(execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim(), 'blob');
  try {
    execFileSync('sh', ['-c', `head -c ${bytes} /dev/urandom > ${blob}`]);
    execFileSync('docker', ['cp', blob, `${container}:/blob`]);
    execFileSync('docker', ['commit', container, tag], { stdio: 'ignore' });
  } finally {
    execFileSync('docker', ['rm', container], { stdio: 'ignore' });
    rmSync(join(blob, '..'), { recursive: true, force: true });
  }
}

/** What a proxy does besides passing requests on. */
export interface ProxyBehaviour {
  /** Called for each request; true when the proxy answered it itself (a fault). */
  intercept?(req: IncomingMessage, res: ServerResponse): boolean;
  /** Pace every response body to at most this many bytes a second (per connection, as registries limit). */
  bytesPerSecond?: number;
}

export interface Proxy extends LoopbackRegistry {
  close(): Promise<void>;
}

/** An HTTP proxy on loopback in front of `registry`. */
export async function startProxy(registry: LoopbackRegistry, behaviour: ProxyBehaviour): Promise<Proxy> {
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    if (behaviour.intercept?.(req, res)) return;
    const upstream = request(
      { host: '127.0.0.1', port: registry.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (behaviour.bytesPerSecond) answer.pipe(paced(behaviour.bytesPerSecond)).pipe(res);
        else answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    // A client that goes away (a cancelled pull) ends the upstream request too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `localhost:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A stream passing bytes on no faster than `bytesPerSecond`. */
function paced(bytesPerSecond: number): Transform {
  const started = Date.now();
  let passed = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      passed += chunk.length;
      const due = started + (1000 * passed) / bytesPerSecond - Date.now();
      setTimeout(() => done(null, chunk), Math.max(0, due));
    },
  });
}

/** Whether the engine has `image` locally. */
export function isImagePresent(image: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Remove these tags locally (those absent are no error), so that the next run pulls them again. */
export function removeImagesLocally(images: readonly string[]): void {
  if (images.length === 0) return;
  // No shell: an image name is never interpreted.
  spawnSync('docker', ['rmi', ...images], { stdio: 'ignore' });
}
