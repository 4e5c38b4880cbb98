// One pod of a simulated Argo workflow on the local Docker engine: its containers (one, or a containerSet in
// dependency order), its volumes, its deadline, and the output parameters Argo would read from it.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { BindMount, ContainerRuntime } from '../../core/run/runtime.js';
import type { NodePhase } from './argo-expressions.js';
import { expandKubernetesVariables, replaceArgoTags } from './argo-substitution.js';

/** The parts of Argo's types the simulator reads (plain objects parsed from the exported YAML). */
export interface SimContainer {
  name?: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  resources?: { limits?: { cpu?: string; memory?: string } };
  volumeMounts?: { name: string; mountPath: string }[];
  dependencies?: string[];
}

export interface SimTemplate {
  name: string;
  inputs?: { parameters?: { name: string; value?: string }[] };
  outputs?: {
    parameters?: { name: string; globalName?: string; valueFrom?: { path?: string; expression?: string } }[];
  };
  container?: SimContainer;
  containerSet?: { volumeMounts?: { name: string; mountPath: string }[]; containers: SimContainer[] };
  activeDeadlineSeconds?: string;
  metadata?: { annotations?: Record<string, string> };
}

export interface SimVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  hostPath?: { path: string };
  emptyDir?: object;
}

/** What the cluster holds: Secrets by name, and a host folder standing for each PersistentVolumeClaim. */
export interface ClusterState {
  secrets: Record<string, Record<string, string>>;
  claims: Record<string, string>;
}

export interface PodResult {
  phase: Extract<NodePhase, 'Succeeded' | 'Failed' | 'Error'>;
  message: string;
  /** The exit code of the container that ended the pod (the step's own, for a failure). */
  exitCode: number | null;
  outputs: Record<string, string>;
  logs: string;
}

export interface PodContext {
  runtime: ContainerRuntime;
  labels: Record<string, string>;
  volumes: readonly SimVolume[];
  cluster: ClusterState;
  /** Tag values the controller substitutes: workflow.parameters.* and the template's inputs.parameters.*. */
  tags: { global: ReadonlyMap<string, string>; inputs: ReadonlyMap<string, string> };
}

const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** Run one attempt of a container or containerSet template as Kubernetes and Argo's emissary would. */
export async function runPod(template: SimTemplate, context: PodContext): Promise<PodResult> {
  const emptyDirs = new Map<string, string>();
  const hostPathOf = (name: string): string => {
    const volume = context.volumes.find((candidate) => candidate.name === name);
    if (!volume) throw new Error(`pod mounts undeclared volume ${name}`);
    if (volume.persistentVolumeClaim) {
      const dir = context.cluster.claims[volume.persistentVolumeClaim.claimName];
      if (!dir) throw new Error(`no PersistentVolumeClaim ${volume.persistentVolumeClaim.claimName}`);
      return dir;
    }
    if (volume.hostPath) return volume.hostPath.path;
    let dir = emptyDirs.get(name);
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), 'argo-sim-emptydir-'));
      chmodSync(dir, 0o777);
      emptyDirs.set(name, dir);
    }
    return dir;
  };
  const shared = template.containerSet?.volumeMounts ?? [];
  const containers =
    template.containerSet?.containers ??
    (template.container ? [{ ...template.container, name: 'main' }] : []);
  const mountsOf = (container: SimContainer) => [...shared, ...(container.volumeMounts ?? [])];
  const deadline =
    template.activeDeadlineSeconds === undefined ? undefined : Number(template.activeDeadlineSeconds) * 1000;
  const started = Date.now();
  let logs = '';
  try {
    const exited = new Map<string, number>();
    for (const container of inDependencyOrder(containers)) {
      const name = container.name ?? 'main';
      if ((container.dependencies ?? []).some((dependency) => exited.get(dependency) !== 0)) break;
      const left = deadline === undefined ? undefined : deadline - (Date.now() - started);
      const run = await runContainer(
        container,
        mountsOf(container).map((m) => ({ source: hostPathOf(m.name), target: m.mountPath })),
        context,
        left,
      );
      logs += run.logs;
      // The pod's message, as Kubernetes and Argo word it, when this container ended it.
      const failure = run.timedOut
        ? DEADLINE_MESSAGE
        : run.oomKilled
          ? `OOMKilled (exit code ${run.exitCode})`
          : run.exitCode !== 0
            ? `Error (exit code ${run.exitCode})`
            : undefined;
      if (failure !== undefined)
        return { phase: 'Failed', message: failure, exitCode: run.exitCode, outputs: {}, logs };
      exited.set(name, 0);
    }
    // Outputs are read from the container named main (Argo's rule for container sets), through its mounts.
    const main = containers.find((container) => (container.name ?? 'main') === 'main');
    const outputs: Record<string, string> = {};
    for (const parameter of template.outputs?.parameters ?? []) {
      const path = parameter.valueFrom?.path;
      if (path === undefined) continue;
      const mount = main ? mountsOf(main).find((m) => path.startsWith(`${m.mountPath}/`)) : undefined;
      if (!mount) throw new Error(`output ${parameter.name}: ${path} is on no volume of container main`);
      const file = join(hostPathOf(mount.name), posix.relative(mount.mountPath, path));
      if (!existsSync(file))
        return {
          phase: 'Error',
          message: `open ${path}: no such file or directory`,
          exitCode: 0,
          outputs: {},
          logs,
        };
      // Argo trims one trailing newline of an output parameter's file.
      outputs[parameter.name] = readFileSync(file, 'utf8').replace(/\n$/, '');
    }
    return { phase: 'Succeeded', message: '', exitCode: 0, outputs, logs };
  } finally {
    for (const dir of emptyDirs.values()) rmSync(dir, { recursive: true, force: true });
  }
}

interface ContainerRun {
  exitCode: number | null;
  oomKilled: boolean;
  timedOut: boolean;
  logs: string;
}

async function runContainer(
  container: SimContainer,
  mounts: BindMount[],
  context: PodContext,
  deadlineMs: number | undefined,
): Promise<ContainerRun> {
  if (deadlineMs !== undefined && deadlineMs <= 0)
    return { exitCode: null, oomKilled: false, timedOut: true, logs: '' };
  const substitute = (text: string) =>
    replaceArgoTags(replaceArgoTags(text, context.tags.global), context.tags.inputs);
  // Environment values expand against the variables defined before them; command and args against all.
  const env = new Map<string, string>();
  for (const variable of container.env ?? []) {
    const secret = variable.valueFrom?.secretKeyRef;
    const value = secret
      ? context.cluster.secrets[secret.name]?.[secret.key]
      : expandKubernetesVariables(substitute(variable.value ?? ''), env);
    if (value === undefined) throw new Error(`Secret ${secret?.name}/${secret?.key} does not exist`);
    env.set(variable.name, value);
  }
  if (container.args && !container.command) throw new Error('args without command is not simulated');
  const argv = container.command
    ? [...container.command, ...(container.args ?? [])].map((item) =>
        expandKubernetesVariables(substitute(item), env),
      )
    : undefined;
  let logs = '';
  const running = await context.runtime.startContainer(
    {
      image: substitute(container.image),
      command: argv,
      env: Object.fromEntries(env),
      mounts,
      nanoCpus: cpuNanos(container.resources?.limits?.cpu),
      memoryBytes: memoryBytes(container.resources?.limits?.memory),
      labels: context.labels,
    },
    (_stream, chunk) => (logs += chunk.toString('utf8')),
  );
  let timedOut = false;
  const timer =
    deadlineMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          void running.kill();
        }, deadlineMs);
  try {
    const exit = await running.exited;
    return { exitCode: exit.exitCode, oomKilled: exit.oomKilled, timedOut, logs };
  } finally {
    clearTimeout(timer);
    await running.remove();
  }
}

function inDependencyOrder(containers: readonly SimContainer[]): SimContainer[] {
  const ordered: SimContainer[] = [];
  const placed = new Set<string>();
  while (ordered.length < containers.length) {
    const ready = containers.find(
      (c) => !placed.has(c.name ?? 'main') && (c.dependencies ?? []).every((d) => placed.has(d)),
    );
    if (!ready) throw new Error('containerSet dependencies form a cycle');
    ordered.push(ready);
    placed.add(ready.name ?? 'main');
  }
  return ordered;
}

function cpuNanos(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const match = /^([0-9]+)(m?)$/.exec(quantity);
  if (!match) throw new Error(`cpu quantity ${quantity} is not simulated`);
  return Number(match[1]) * (match[2] ? 1_000_000 : 1_000_000_000);
}

function memoryBytes(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const match = /^([0-9]+)(Ki|Mi|Gi|Ti|Pi)?$/.exec(quantity);
  if (!match) throw new Error(`memory quantity ${quantity} is not simulated`);
  const power = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'].indexOf(match[2] ?? '');
  return Number(match[1]) * 1024 ** power;
}
