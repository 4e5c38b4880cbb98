import { cpuProblem, MEMORY_UNITS, memoryProblem, type AmountProblem } from '../model/resource-units.js';
import type { Located } from '../model/source.js';
import type { Resources } from '../model/workflow.js';
import type { DiagnosticCode } from './codes.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

const CPU_PROBLEMS: Record<AmountProblem, string> = {
  syntax: 'is not a CPU amount: use cores ("2", "0.5") or millicores ("500m")',
  zero: 'must be more than zero',
  'below-minimum': 'is below the engine\'s minimum of 0.01 CPU ("10m")',
};

const MEMORY_PROBLEMS: Record<AmountProblem, string> = {
  syntax: `is not a memory amount: use bytes or a number with ${MEMORY_UNITS.slice(0, -1).join(', ')} or ${MEMORY_UNITS.at(-1)} ("512M", "512Mi", "4G")`,
  zero: 'must be more than zero',
  'below-minimum': "is below the engine's minimum of 6M",
};

/**
 * DW017/DW018: cpu and memory amounts the engine would not accept (its minimums included, so a run does not
 * fail on them when the container is created), on the value. Steps and container_config.
 */
export function checkResources(resources: Resources | undefined, owner: string): SpanDiagnostic[] {
  const { cpu, memory } = resources ?? {};
  return [
    ...check(cpu, 'DW017', 'cpu', cpuProblem, CPU_PROBLEMS, owner),
    ...check(memory, 'DW018', 'memory', memoryProblem, MEMORY_PROBLEMS, owner),
  ];
}

function check(
  value: Located<string> | undefined,
  code: DiagnosticCode,
  name: string,
  problemOf: (text: string) => AmountProblem | undefined,
  messages: Record<AmountProblem, string>,
  owner: string,
): SpanDiagnostic[] {
  const problem = value && problemOf(value.value);
  if (!value || !problem) return [];
  return [
    spanDiagnostic(code, value.span, `${owner}: resources.${name} "${value.value}" ${messages[problem]}`),
  ];
}
