/**
 * `resources.cpu` and `resources.memory` strings as the engine wants them (docs/workflow-format.md "Resources").
 * Shared by validation (DW017/DW018) and the runner (NanoCpus/Memory), so both accept exactly the same text.
 */

const NANO_CPUS_PER_CPU = 1_000_000_000;

/**
 * Parse a CPU amount — "2", "0.5" or millicores "500m" — into nano-CPUs (Docker's `NanoCpus`).
 * Returns undefined for anything else, and for zero or less than one nano-CPU.
 */
export function parseCpu(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(m?)\s*$/.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const cpus = match[2] === 'm' ? amount / 1000 : amount;
  const nanoCpus = Math.round(cpus * NANO_CPUS_PER_CPU);
  return nanoCpus > 0 ? nanoCpus : undefined;
}

/** Powers of 1024 by unit letter; Docker reads "4G" and "4Gi" alike as 4 * 1024^3 bytes. */
const UNIT_EXPONENT: Record<string, number> = { '': 0, b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/**
 * Parse a memory amount — "4G", "512M", "512Mi", "1g", "1.5G", "64mb" or plain bytes "1024" — into bytes
 * (Docker's `Memory`). Returns undefined for anything else, and for less than one byte.
 */
export function parseMemory(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgtp])(i?b?)|(b?))\s*$/i.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  const bytes = Math.floor(amount * 1024 ** (UNIT_EXPONENT[unit] ?? 0));
  return bytes >= 1 ? bytes : undefined;
}
