import type { RunPlan } from './plan-run.js';

/** The plan as text: stages, then per step its values and cache verdict. */
export function planLines(plan: RunPlan): string[] {
  const lines = [`plan of ${plan.workflow} (${plan.file}): ${plan.stages.length} stage(s)`];
  if (plan.missing.variables.length) lines.push(`missing variables: ${plan.missing.variables.join(', ')}`);
  for (const problem of plan.missing.inputs) lines.push(`inputs: ${problem}`);
  plan.stages.forEach((ids, index) => {
    lines.push('', `stage ${index + 1}: ${ids.join(', ')}`);
    for (const id of ids) {
      const step = plan.steps[id];
      if (!step) continue;
      const { limits, cache } = step;
      lines.push(`  ${id}${step.depends_on.length ? ` (after ${step.depends_on.join(', ')})` : ''}`);
      lines.push(`    image:   ${step.image}`);
      lines.push(`    command: ${step.command ? JSON.stringify(step.command) : '(the image default)'}`);
      for (const [name, value] of Object.entries(step.environment))
        lines.push(`    env:     ${name}=${value}`);
      for (const mount of step.mounts)
        lines.push(`    mount:   ${mount.source} -> ${mount.target}${mount.read_only ? ' (read-only)' : ''}`);
      const resources = [
        limits.cpu && `cpu ${limits.cpu}`,
        limits.memory && `memory ${limits.memory}`,
      ].filter(Boolean);
      lines.push(
        `    limits:  ${[...resources, `timeout ${limits.timeout_seconds} s`, `retries ${limits.retries}`].join(', ')}`,
      );
      lines.push(`    cache:   ${cache.verdict}${cache.reason ? `: ${cache.reason}` : ''}`);
      for (const problem of step.problems ?? []) lines.push(`    problem: ${problem}`);
    }
  });
  return lines;
}
