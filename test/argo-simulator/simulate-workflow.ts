// A test-only interpreter of exported Argo `Workflow` manifests: it reads the YAML and runs it on the local Docker
// engine the way Argo's controller would — the DAG with `depends` and `when`, retryStrategy with its back-off,
// a pod's activeDeadlineSeconds, container sets, output parameters read from files, global outputs, and the
// DAG's phase with Argo's rule that an omitted task inherits the phase of the branch it hangs off.
// It understands exactly what the exporter writes and throws on anything else.
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import type { ContainerRuntime } from '../../core/run/runtime.js';
import {
  dependsTasks,
  evaluateDepends,
  evaluateOutputExpression,
  evaluateWhen,
  type NodePhase,
} from './argo-expressions.js';
import { replaceArgoTags } from './argo-substitution.js';
import { assessDagPhase } from './dag-phase.js';
import { runPod, type ClusterState, type PodResult, type SimTemplate, type SimVolume } from './run-pod.js';

interface SimTask {
  name: string;
  template: string;
  depends?: string;
  when?: string;
  arguments?: { parameters?: { name: string; value?: string }[] };
}

interface SimManifest {
  kind: string;
  spec: {
    entrypoint: string;
    arguments?: { parameters?: { name: string; value?: string }[] };
    volumes?: SimVolume[];
    templates: (SimTemplate & {
      dag?: { failFast?: boolean; tasks: SimTask[] };
      suspend?: { duration: string };
      retryStrategy?: { limit: string; retryPolicy: string; backoff?: { duration: string } };
    })[];
  };
}

/** One DAG task after the run. */
export interface SimNode {
  phase: NodePhase;
  message: string;
  /** Pods run (retries included); 0 for a task that never ran. */
  attempts: number;
  exitCode: number | null;
  outputs: Record<string, string>;
  logs: string;
}

export interface SimulationResult {
  phase: 'Succeeded' | 'Failed' | 'Error';
  /** By task name. */
  nodes: Map<string, SimNode>;
  /** The workflow's global outputs (status.outputs.parameters). */
  outputs: Record<string, string>;
  /** Task name -> the template it ran. */
  templateOf: Map<string, SimTemplate>;
  /** The labels of every container the simulation started (all removed when it returns). */
  labels: Record<string, string>;
}

export interface SimulationOptions {
  runtime: ContainerRuntime;
  cluster: ClusterState;
  /** `argo submit -p name=value`. */
  parameters?: Record<string, string>;
}

/** The label on every container the simulator starts; its value is the simulation's id. */
export const SIMULATION_LABEL = 'dagger-wf-argo-sim.run';

/** Run an exported manifest (YAML text) to its end. */
export async function simulateWorkflow(yaml: string, options: SimulationOptions): Promise<SimulationResult> {
  const manifest = parse(yaml) as SimManifest;
  if (manifest.kind !== 'Workflow') throw new Error(`kind ${manifest.kind} is not simulated`);
  const templates = new Map(manifest.spec.templates.map((template) => [template.name, template]));
  const entry = templates.get(manifest.spec.entrypoint);
  if (!entry?.dag) throw new Error('the entrypoint is not a DAG template');
  if (entry.dag.failFast !== false) throw new Error('only failFast: false is simulated');

  const global = new Map<string, string>();
  for (const parameter of manifest.spec.arguments?.parameters ?? []) {
    const value = options.parameters?.[parameter.name] ?? parameter.value;
    if (value === undefined) throw new Error(`spec.arguments.${parameter.name}.value is required`);
    global.set(`workflow.parameters.${parameter.name}`, value);
  }
  const labels = { [SIMULATION_LABEL]: randomBytes(4).toString('hex') };
  const tasks = entry.dag.tasks;
  const nodes = new Map<string, SimNode>();
  const running = new Map<string, Promise<void>>();
  const globalOutputs: Record<string, string> = {};
  const templateOf = new Map<string, SimTemplate>();
  const scope = new Map<string, string>(global);
  const fulfilled = (name: string) => {
    const phase = nodes.get(name)?.phase;
    return phase !== undefined && phase !== 'Running' && phase !== 'Pending';
  };

  /** Settle every task that can be settled now; true when one was. */
  const decideOnce = (): boolean => {
    let changed = false;
    for (const task of tasks) {
      if (nodes.has(task.name)) continue;
      const parents = task.depends === undefined ? [] : dependsTasks(task.depends);
      if (!parents.every(fulfilled)) continue;
      const depends = task.depends;
      if (depends !== undefined && !evaluateDepends(depends, (name) => nodes.get(name)?.phase ?? 'Pending')) {
        nodes.set(task.name, idle('Omitted', 'omitted: depends condition not met'));
        scope.set(`tasks.${task.name}.status`, 'Omitted');
        changed = true;
        continue;
      }
      const when = task.when === undefined ? undefined : replaceArgoTags(task.when, scope);
      if (when !== undefined && !evaluateWhen(when)) {
        nodes.set(task.name, idle('Skipped', `when '${when}' evaluated false`));
        scope.set(`tasks.${task.name}.status`, 'Skipped');
        changed = true;
        continue;
      }
      const template = templates.get(task.template);
      if (!template) throw new Error(`unknown template ${task.template}`);
      templateOf.set(task.name, template);
      const node = idle('Running', '');
      nodes.set(task.name, node);
      changed = true;
      const inputs = new Map<string, string>();
      for (const argument of task.arguments?.parameters ?? [])
        inputs.set(`inputs.parameters.${argument.name}`, replaceArgoTags(argument.value ?? '', scope));
      running.set(
        task.name,
        executeTask(template, inputs, node).then(() => {
          running.delete(task.name);
          scope.set(`tasks.${task.name}.status`, node.phase);
          if (node.phase !== 'Succeeded') return;
          for (const [key, value] of Object.entries(node.outputs))
            scope.set(`tasks.${task.name}.outputs.parameters.${key}`, value);
          for (const parameter of template.outputs?.parameters ?? [])
            if (parameter.globalName !== undefined && node.outputs[parameter.name] !== undefined)
              globalOutputs[parameter.globalName] = node.outputs[parameter.name] ?? '';
        }),
      );
    }
    return changed;
  };
  const decide = () => {
    while (decideOnce());
  };

  const executeTask = async (
    template: SimManifest['spec']['templates'][number],
    inputs: Map<string, string>,
    node: SimNode,
  ): Promise<void> => {
    if (template.suspend) {
      if (template.suspend.duration !== '0') throw new Error('only suspend of 0 s is simulated');
      node.phase = 'Succeeded';
      return;
    }
    const retry = template.retryStrategy;
    if (retry && retry.retryPolicy !== 'Always')
      throw new Error(`retryPolicy ${retry.retryPolicy} is not simulated`);
    const limit = retry ? Number(retry.limit) : 0;
    const backoff = retry?.backoff ? /^([0-9]+)(m?)s$/.exec(retry.backoff.duration) : undefined;
    const backoffMs =
      backoff === undefined ? 0 : backoff ? Number(backoff[1]) * (backoff[2] ? 1 : 1000) : NaN;
    if (Number.isNaN(backoffMs)) throw new Error(`backoff ${retry?.backoff?.duration} is not simulated`);
    let result: PodResult | undefined;
    for (let attempt = 0; attempt <= limit; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoffMs));
      result = await runPod(template, {
        runtime: options.runtime,
        labels,
        volumes: manifest.spec.volumes ?? [],
        cluster: options.cluster,
        tags: { global, inputs },
      });
      node.attempts = attempt + 1;
      node.logs += result.logs;
      if (result.phase === 'Succeeded') break;
    }
    if (!result) throw new Error('no attempt ran');
    Object.assign(node, {
      phase: result.phase,
      message: result.message,
      exitCode: result.exitCode,
      outputs: result.outputs,
    });
  };

  try {
    for (;;) {
      decide();
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
  } finally {
    await options.runtime.removeContainers(labels).catch(() => 0);
  }
  const phase = assessDagPhase(tasks, nodes);
  if (phase === 'Succeeded') {
    for (const parameter of entry.inputs?.parameters ?? [])
      scope.set(
        `inputs.parameters.${parameter.name}`,
        global.get(`workflow.parameters.${parameter.name}`) ?? '',
      );
    for (const parameter of entry.outputs?.parameters ?? []) {
      const expression = parameter.valueFrom?.expression;
      if (expression === undefined || parameter.globalName === undefined)
        throw new Error('DAG output not simulated');
      globalOutputs[parameter.globalName] = evaluateOutputExpression(expression, scope);
    }
  }
  return { phase, nodes, outputs: globalOutputs, templateOf, labels };
}

function idle(phase: NodePhase, message: string): SimNode {
  return { phase, message, attempts: 0, exitCode: null, outputs: {}, logs: '' };
}
