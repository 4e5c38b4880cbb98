import { execFileSync } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after } from 'node:test';
import {
  buildImageWithRandomLayer,
  startProxy,
  startRegistryServer,
  type LoopbackRegistry,
  type Proxy,
  type RegistryServer,
} from './registry-server.js';
import { IMAGE, workspace } from './run-helpers.js';

// A real registry on loopback with htpasswd users when asked for, and proxies in front of it that fail the way
// registries and networks do, or slow pulls down (registry-server.ts); all stopped when the test file ends.

export type { LoopbackRegistry } from './registry-server.js';

const started: RegistryServer[] = [];
const proxies: Proxy[] = [];
const localImages: string[] = [];
after(async () => {
  for (const registry of started) registry.stop();
  await Promise.all(proxies.map((proxy) => proxy.close()));
  for (const image of localImages) execFileSync('sh', ['-c', `docker rmi ${image} >/dev/null 2>&1 || true`]);
});

/** Start a registry (stopped when the test file ends); with `users`, it wants htpasswd basic auth. */
export async function startRegistry(users: Record<string, string> = {}): Promise<LoopbackRegistry> {
  const registry = await startRegistryServer(workspace({}), users);
  started.push(registry);
  return registry;
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
  return pushImage(registry, IMAGE, name, login);
}

/**
 * Push an image of its own (the test image plus a layer of `bytes` random bytes) as `${host}/${name}`, and
 * remove it locally: pulling it moves that many bytes.
 */
export function pushRandomImage(registry: LoopbackRegistry, name: string, bytes: number): string {
  const local = `dagger-wf-test-layer/${name}`;
  buildImageWithRandomLayer(local, bytes);
  try {
    return pushImage(registry, local, name);
  } finally {
    execFileSync('docker', ['rmi', local], { stdio: 'ignore' });
  }
}

function pushImage(
  registry: LoopbackRegistry,
  local: string,
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
  execFileSync('docker', ['tag', local, image]);
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
  const intercept = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/v2/' && req.method === 'GET') attempts++;
    if (!req.url?.includes('/manifests/') || attempts > fault.attempts) return false;
    if (fault.answer === 'reset') req.socket.resetAndDestroy();
    else res.writeHead(503).end('registry busy');
    return true;
  };
  const proxy = await startProxy(registry, { intercept });
  return { ...proxy, attempts: () => attempts };
}

/** A proxy in front of `registry` that passes at most `bytesPerSecond` per connection (closed at the end). */
export async function startSlowProxy(registry: LoopbackRegistry, bytesPerSecond: number): Promise<Proxy> {
  const proxy = await startProxy(registry, { bytesPerSecond });
  proxies.push(proxy);
  return proxy;
}
