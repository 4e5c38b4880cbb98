import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { EffectiveStep } from '../model/effective-step.js';
import { parseCpu, parseMemory } from '../model/resource-units.js';
import { resolveInterpolations, type ResolveContext } from '../interpolate/resolve-interpolations.js';
import { imageReferenceProblem } from '../model/image-reference.js';
import type { BindMount, ContainerSpec } from './runtime.js';

/** A step's container settings with every `${…}` replaced, or the reasons it cannot start. */
export type ResolvedStep =
  { ok: true; spec: Omit<ContainerSpec, 'labels'> } | { ok: false; problems: string[] };

/**
 * Interpolate a step's image, argv, environment and volumes right before it starts (step outputs of its
 * dependencies are known by then), resolve relative volume sources against the workflow's folder and check
 * that they exist (the engine would otherwise fail with a message that names neither step nor file).
 */
export function resolveStep(step: EffectiveStep, context: ResolveContext, workflowDir: string): ResolvedStep {
  const problems: string[] = [];
  const interpolate = (text: string): string => {
    const { value, unresolved } = resolveInterpolations(text, context);
    for (const { reference, expression } of unresolved) {
      const why =
        reference.kind === 'step-output'
          ? `step "${reference.stepId}" wrote no output "${reference.key}"`
          : reference.kind === 'input'
            ? `input "${reference.name}" has no value`
            : reference.kind === 'env'
              ? `variable ${reference.name} is not set`
              : 'it cannot be resolved';
      problems.push(`\${${expression}} has no value: ${why}`);
    }
    return value;
  };

  const image = interpolate(step.image?.value ?? '');
  const imageProblem = imageReferenceProblem(image);
  if (imageProblem) problems.push(imageProblem);
  const command = step.step.command
    ? step.step.command.items.map((item) => interpolate(item.value))
    : undefined;
  const env: Record<string, string> = {};
  for (const [name, value] of step.environment) env[name] = interpolate(value.value);
  const mounts: BindMount[] = [];
  for (const volume of step.volumes) {
    if (!volume.source || !volume.target) continue;
    const source = interpolate(volume.source.value);
    const target = interpolate(volume.target.value);
    const hostPath = resolveHostPath(source, workflowDir);
    if (!existsSync(hostPath)) {
      problems.push(`volume source "${source}" does not exist${hostPath === source ? '' : ` (${hostPath})`}`);
    }
    mounts.push({ source: hostPath, target });
  }
  const nanoCpus = step.cpu ? parseCpu(step.cpu.value) : undefined;
  if (step.cpu && nanoCpus === undefined)
    problems.push(`resources.cpu "${step.cpu.value}" is not a CPU amount`);
  const memoryBytes = step.memory ? parseMemory(step.memory.value) : undefined;
  if (step.memory && memoryBytes === undefined)
    problems.push(`resources.memory "${step.memory.value}" is not a size`);
  if (problems.length) return { ok: false, problems };
  return { ok: true, spec: { image, command, env, mounts, nanoCpus, memoryBytes } };
}

/** A volume source on the host: `~/x` in the home folder; other relative paths in the workflow file's folder. */
export function resolveHostPath(source: string, workflowDir: string): string {
  if (source === '~' || source.startsWith('~/')) return resolve(homedir(), source.slice(2));
  return isAbsolute(source) ? source : resolve(workflowDir, source);
}
