import type { DebugTarget } from './debug-target.js';
import type { StepRecord, StepRecords } from './step-records.js';

/** A value the Variables view shows; children make it expandable. */
export interface DebugVariable {
  name: string;
  value: string;
  children?: DebugVariable[];
  /** What typing it in the Debug Console gives (a `${…}` reference). */
  evaluateName?: string;
}

export type ScopeName = 'Step' | 'Environment' | 'Inputs' | 'Dependencies' | 'Result';

export interface DebugScope {
  name: ScopeName;
  variables: DebugVariable[];
}

/**
 * The scopes of a step (README.md "Debugging a workflow"): Step (image, command, resources, timeout, attempt), Environment
 * (resolved, secrets `***`), Inputs, Dependencies (outputs of the steps it depends on) and, once it failed, timed
 * out or was skipped, Result (exit code, reason, the tail of stderr). Every value passes the run's masker.
 */
export function stepScopes(record: StepRecord, records: StepRecords, target: DebugTarget): DebugScope[] {
  const mask = records.mask;
  const about = record.about;
  const scopes: DebugScope[] = [];
  const step: DebugVariable[] = [{ name: 'status', value: describeState(record) }];
  if (about) {
    const { spec } = about;
    step.push(
      { name: 'image', value: mask(spec.image) },
      spec.command
        ? list('command', spec.command.map(mask))
        : { name: 'command', value: "(the image's default)" },
    );
    if (spec.mounts.length)
      step.push(
        list(
          'volumes',
          spec.mounts.map((m) => mask(`${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`)),
        ),
      );
    const resources: DebugVariable[] = [];
    if (spec.nanoCpus) resources.push({ name: 'cpu', value: String(spec.nanoCpus / 1e9) });
    if (spec.memoryBytes) resources.push({ name: 'memory', value: `${spec.memoryBytes} bytes` });
    step.push(
      resources.length
        ? { name: 'resources', value: `{${resources.length}}`, children: resources }
        : { name: 'resources', value: 'no limits' },
      { name: 'timeout', value: `${about.timeoutSeconds} s` },
    );
  }
  step.push({ name: 'attempt', value: `${record.attempt} of ${record.maxAttempts}` });
  scopes.push({ name: 'Step', variables: step });
  if (about) {
    const environment = Object.entries(about.spec.env)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({
        name,
        value: mask(value) + (record.changedEnvironment.has(name) ? '  (changed in the debugger)' : ''),
      }));
    scopes.push({ name: 'Environment', variables: environment });
    const inputs = Object.entries(about.context.inputs).map(([name, value]) => ({
      name,
      value: mask(value),
      evaluateName: `\${inputs.${name}}`,
    }));
    scopes.push({ name: 'Inputs', variables: inputs });
  }
  const dependencies = target.directDependenciesOf(record.stepId).map((id): DebugVariable => {
    const dependency = records.get(id);
    const outputs = Object.entries(dependency.outputs).map(([key, value]) => ({
      name: key,
      value: mask(value),
      evaluateName: `\${steps.${id}.outputs.${key}}`,
    }));
    return {
      name: id,
      value: `${describeState(dependency)}, ${outputs.length} output${outputs.length === 1 ? '' : 's'}`,
      children: outputs,
    };
  });
  scopes.push({ name: 'Dependencies', variables: dependencies });
  if (record.state === 'failed' || record.state === 'timed_out' || record.state === 'skipped') {
    scopes.push({
      name: 'Result',
      variables: [
        { name: 'status', value: record.state },
        { name: 'exit code', value: record.exitCode === null ? 'none' : String(record.exitCode) },
        { name: 'reason', value: mask(record.reason ?? '') },
        { name: 'attempts', value: String(record.attempt) },
        { name: 'stderr (tail)', value: record.stderrTail() },
      ],
    });
  }
  return scopes;
}

function list(name: string, items: string[]): DebugVariable {
  return {
    name,
    value: JSON.stringify(items),
    children: items.map((item, index) => ({ name: `[${index}]`, value: item })),
  };
}

/** `waiting to start`, `running`, `succeeded`, `failed (exit 3)`. */
export function describeState(record: StepRecord): string {
  switch (record.state) {
    case 'waiting':
      return 'waiting to start';
    case 'failed':
    case 'timed_out':
      return `${record.state.replace('_', ' ')}${record.exitCode === null ? '' : ` (exit ${record.exitCode})`}`;
    default:
      return record.state;
  }
}
