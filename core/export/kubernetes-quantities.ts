import { parseCpu, parseMemory } from '../model/resource-units.js';

const NANO_CPUS_PER_MILLI_CPU = 1_000_000;
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'] as const;

/** A Kubernetes quantity, or why the text cannot be one. */
export type Quantity = { quantity: string } | { problem: string };

/**
 * A `resources.cpu` text ("2", "0.5", "500m") as a Kubernetes quantity: whole cores as they are ("2"), the rest in
 * millicores ("500m"). Kubernetes allows no finer than 1m, so a finer amount is refused (rounding would change
 * the limit).
 */
export function cpuQuantity(text: string): Quantity {
  const nanoCpus = parseCpu(text);
  // The same words as the runner's (core/run/resolve-step.ts).
  if (nanoCpus === undefined) return { problem: `resources.cpu "${text}" is not a CPU amount` };
  if (nanoCpus % NANO_CPUS_PER_MILLI_CPU !== 0)
    return { problem: `resources.cpu "${text}" is finer than Kubernetes' smallest unit, 1m (0.001 CPU)` };
  const milli = nanoCpus / NANO_CPUS_PER_MILLI_CPU;
  return { quantity: milli % 1000 === 0 ? String(milli / 1000) : `${milli}m` };
}

/**
 * A `resources.memory` text as a Kubernetes quantity. Ours are powers of 1024 ("512M" is 512 MiB, as Docker reads
 * it) while Kubernetes' M and G are powers of 1000, so the amount is written with the binary suffixes: "512Mi",
 * "4Gi"; "1.5G" becomes "1536Mi"; an amount that is no whole number of KiB stays in bytes.
 */
export function memoryQuantity(text: string): Quantity {
  const bytes = parseMemory(text);
  if (bytes === undefined) return { problem: `resources.memory "${text}" is not a size` };
  let amount = bytes;
  let suffix = 0;
  while (suffix < BINARY_SUFFIXES.length - 1 && amount % 1024 === 0) {
    amount /= 1024;
    suffix++;
  }
  return { quantity: `${amount}${BINARY_SUFFIXES[suffix] ?? ''}` };
}
