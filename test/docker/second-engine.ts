// A private Docker engine for fault tests (killed, frozen, restarted), as /work/shared/recipes/second-engine.md
// proves: its own socket, data root, exec root, pid file and bridge, so the engine every other test uses is
// never touched. Every method reads the pid file, so the extension-host tests can drive the engine that the
// outer e2e test started.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync } from 'node:fs';

const ROOT = '/tmp/dwtest-docker';
const SOCKET = `${ROOT}.sock`;
const PID_FILE = `${ROOT}.pid`;
const DATA_ROOT = `${ROOT}-data`;
const EXEC_ROOT = `${ROOT}-exec`;
const LOG = '/tmp/dwtest-dockerd.log';
const BRIDGE = 'dwtest0';

/** The address to give the code under test (DOCKER_HOST, the dockerHost setting). */
export const SECOND_ENGINE_HOST = `unix://${SOCKET}`;

function docker(args: string[], input?: Buffer): string {
  return execFileSync('docker', args, {
    env: { ...process.env, DOCKER_HOST: SECOND_ENGINE_HOST },
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
}

function answers(): boolean {
  const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    env: { ...process.env, DOCKER_HOST: SECOND_ENGINE_HOST },
    stdio: 'ignore',
    timeout: 5000,
  });
  return result.status === 0;
}

const CONTAINERD_PID_FILE = `${EXEC_ROOT}/containerd/containerd.pid`;

/** The live process whose pid a pid file holds. */
function pidFrom(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

const enginePid = () => pidFrom(PID_FILE);

/** Alive and not a zombie (a killed engine's containerd lingers as one until it is reaped). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`second engine: timed out waiting for ${what} (log: ${LOG})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Start the engine (the bridge first; never `--bridge none`, which deletes the host's docker0) and wait until
 * it answers. Idempotent: an engine already answering is kept.
 */
export async function startSecondEngine(): Promise<void> {
  if (enginePid() !== undefined && answers()) return;
  // dockerd reuses a containerd its pid file names while that is alive: let a killed engine's one go first.
  await until(() => pidFrom(CONTAINERD_PID_FILE) === undefined, "the old engine's containerd to end", 15_000);
  rmSync(CONTAINERD_PID_FILE, { force: true });
  const hasBridge = spawnSync('ip', ['link', 'show', BRIDGE], { stdio: 'ignore' }).status === 0;
  if (!hasBridge) {
    execFileSync('ip', ['link', 'add', 'name', BRIDGE, 'type', 'bridge']);
    execFileSync('ip', ['addr', 'add', '10.231.0.1/24', 'dev', BRIDGE]);
    execFileSync('ip', ['link', 'set', BRIDGE, 'up']);
  }
  const log = openSync(LOG, 'a');
  const child = spawn(
    'dockerd',
    [
      ...['--host', SECOND_ENGINE_HOST, '--data-root', DATA_ROOT, '--exec-root', EXEC_ROOT],
      ...['--pidfile', PID_FILE, '--bridge', BRIDGE, '--iptables=false', '--ip-masq=false'],
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  await until(answers, 'dockerd to answer');
}

/** Give the engine an image of the main engine (no registry is reachable): docker save | docker load. */
export function loadImage(image: string): void {
  if (
    spawnSync('docker', ['image', 'inspect', image], {
      env: { ...process.env, DOCKER_HOST: SECOND_ENGINE_HOST },
      stdio: 'ignore',
    }).status === 0
  )
    return;
  const archive = execFileSync('docker', ['save', image], { maxBuffer: 256 * 1024 * 1024 });
  docker(['load'], archive);
}

/** The engine dies at once (SIGKILL): its socket file stays, nothing answers on it. */
export function killSecondEngine(): void {
  const pid = enginePid();
  if (pid !== undefined) process.kill(pid, 'SIGKILL');
}

/** The engine stops answering without dying (SIGSTOP); thawSecondEngine undoes it. */
export function freezeSecondEngine(): void {
  const pid = enginePid();
  if (pid !== undefined) process.kill(pid, 'SIGSTOP');
}

export function thawSecondEngine(): void {
  const pid = enginePid();
  if (pid !== undefined) process.kill(pid, 'SIGCONT');
}

/** Stop the engine as a service manager does (SIGTERM: it stops its containers, then exits). */
export async function stopSecondEngine(): Promise<void> {
  const pid = enginePid();
  if (pid === undefined) return;
  process.kill(pid, 'SIGCONT');
  process.kill(pid, 'SIGTERM');
  await until(() => !isAlive(pid), 'dockerd to exit');
}

/** Stop and start the engine again, as `systemctl restart docker` does. */
export async function restartSecondEngine(): Promise<void> {
  await stopSecondEngine();
  await startSecondEngine();
}

/** Ids of the containers the second engine holds. */
export function secondEngineContainers(): string[] {
  return docker(['ps', '-a', '-q']).split('\n').filter(Boolean);
}

/**
 * Remove everything: the engine's containers (a killed engine is started again so that it cleans up after
 * itself: its containers still run under their shims), the engine, leftover mounts, its folders and bridge.
 */
export async function destroySecondEngine(): Promise<void> {
  if (existsSync(DATA_ROOT)) {
    thawSecondEngine();
    if (enginePid() === undefined) await startSecondEngine();
    const ids = secondEngineContainers();
    if (ids.length) docker(['rm', '-f', ...ids]);
    await stopSecondEngine();
  }
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((target) => target.startsWith(EXEC_ROOT) || target.startsWith(DATA_ROOT))
    .reverse();
  for (const target of mounts) spawnSync('umount', ['-l', target], { stdio: 'ignore' });
  for (const path of [DATA_ROOT, EXEC_ROOT, SOCKET, PID_FILE])
    rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  spawnSync('ip', ['link', 'del', BRIDGE], { stdio: 'ignore' });
}
