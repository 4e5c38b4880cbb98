import type { Workflow } from '../../core/model/workflow.js';
import { effectiveStep } from '../../core/model/effective-step.js';
import { parseCpu, parseMemory } from '../../core/model/resource-units.js';
import { resolveInterpolations, type ResolveContext } from '../../core/interpolate/resolve-interpolations.js';
import { lexInterpolations } from '../../core/interpolate/lex-interpolations.js';
import { resolveHostPath } from '../../core/run/resolve-step.js';

/**
 * The `docker run` argv equivalent to one step's container (after `container_config` defaults and
 * interpolation). References that cannot be resolved here (step outputs, secrets) stay as `${…}` text.
 * Never run by the extension: it is only for copying (see shellQuote).
 */
export function dockerRunArgv(
  workflow: Workflow,
  stepId: string,
  workflowFolder: string,
  context: ResolveContext,
): string[] {
  const step = workflow.steps.find((candidate) => candidate.id?.value === stepId);
  if (!step) throw new Error(`no step "${stepId}" in the workflow`);
  const settings = effectiveStep(step, workflow.containerConfig);
  const value = (text: string): string => resolveKeepingUnknown(text, context);
  const argv = ['docker', 'run', '--rm', '--label', `dagger-wf.step=${stepId}`];
  for (const [name, located] of settings.environment) argv.push('-e', `${name}=${value(located.value)}`);
  for (const volume of settings.volumes) {
    if (!volume.source || !volume.target) continue;
    const source = value(volume.source.value);
    argv.push('-v', `${resolveHostPath(source, workflowFolder)}:${value(volume.target.value)}`);
  }
  const nanoCpus = settings.cpu ? parseCpu(settings.cpu.value) : undefined;
  if (nanoCpus) argv.push('--cpus', String(nanoCpus / 1e9));
  const memory = settings.memory ? parseMemory(settings.memory.value) : undefined;
  if (memory) argv.push('--memory', `${memory}b`);
  // As the runner does: the first word replaces the image's entrypoint, so nothing wraps the argv.
  const [program, ...args] = (step.command?.items ?? []).map((item) => value(item.value));
  if (program !== undefined) argv.push('--entrypoint', program);
  argv.push(value(settings.image?.value ?? '<image>'), ...args);
  return argv;
}

/** Resolve what the context knows; leave every other `${…}` as written, for the reader to fill in. */
function resolveKeepingUnknown(text: string, context: ResolveContext): string {
  return lexInterpolations(text)
    .map((piece) => {
      if (piece.kind === 'text') return piece.text;
      const written = `\${${piece.interpolation.expression}}`;
      const resolved = resolveInterpolations(written, context);
      return resolved.unresolved.length ? written : resolved.value;
    })
    .join('');
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote argv for a POSIX shell: safe words as they are, everything else in single quotes. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((word) => (SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}
