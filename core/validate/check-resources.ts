import { parseCpu, parseMemory } from '../model/resource-units.js';
import type { Resources } from '../model/workflow.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/** Docker refuses less than 0.01 CPU and less than 6 MiB of memory; say so before a run fails on it. */
const MIN_NANO_CPUS = 10_000_000;
const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

/** DW017/DW018: cpu and memory strings the engine would not accept, on the value. Steps and container_config. */
export function checkResources(resources: Resources | undefined, owner: string): SpanDiagnostic[] {
  const diagnostics: SpanDiagnostic[] = [];
  const { cpu, memory } = resources ?? {};
  if (cpu) {
    const nanoCpus = parseCpu(cpu.value);
    const problem =
      nanoCpus === undefined
        ? /^\s*[\d.]+\s*m?\s*$/.test(cpu.value)
          ? 'must be more than zero'
          : 'is not a CPU amount: use cores ("2", "0.5") or millicores ("500m")'
        : nanoCpus < MIN_NANO_CPUS
          ? 'is below the engine\'s minimum of 0.01 CPU ("10m")'
          : undefined;
    if (problem)
      diagnostics.push(
        spanDiagnostic('DW017', cpu.span, `${owner}: resources.cpu "${cpu.value}" ${problem}`),
      );
  }
  if (memory) {
    const bytes = parseMemory(memory.value);
    const problem =
      bytes === undefined
        ? 'is not a memory amount: use bytes or a number with K, M, G or T ("512M", "512Mi", "4G")'
        : bytes < MIN_MEMORY_BYTES
          ? "is below the engine's minimum of 6M"
          : undefined;
    if (problem)
      diagnostics.push(
        spanDiagnostic('DW018', memory.span, `${owner}: resources.memory "${memory.value}" ${problem}`),
      );
  }
  return diagnostics;
}
