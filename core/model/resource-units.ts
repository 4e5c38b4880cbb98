/**
 * `resources.cpu` and `resources.memory` strings as the engine wants them (docs/workflow-format.md "Resources").
 * Shared by validation (DW017/DW018), the schema (whose patterns are CPU_AMOUNT_PATTERN and
 * MEMORY_AMOUNT_PATTERN) and the runner (NanoCpus/Memory), so all three accept exactly the same text.
 */
import { decimalAtLeastPattern } from './decimal-at-least.js';

const NANO_CPUS_PER_CPU = 1_000_000_000;
/** The engine refuses less than 0.01 CPU and less than 6 MiB of memory when it creates the container. */
export const MIN_CPU = '0.01';
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

// Spaces and tabs only (not every Unicode space): the schema's patterns must read the same in any language.
const CPU_SYNTAX = /^[ \t]*(\d+(?:\.\d+)?|\.\d+)[ \t]*(m?)[ \t]*$/;
const MEMORY_SYNTAX = /^[ \t]*(\d+(?:\.\d+)?|\.\d+)[ \t]*(?:([kmgtp])(i?b?)|(b?))[ \t]*$/i;

/** Powers of 1024 by unit letter; Docker reads "4G" and "4Gi" alike as 4 * 1024^3 bytes. */
const UNIT_EXPONENT: Record<string, number> = { '': 0, b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/** The memory unit letters, smallest first (`K` … `P`): the DW018 message and the schema list these. */
export const MEMORY_UNITS = Object.entries(UNIT_EXPONENT)
  .filter(([, exponent]) => exponent > 0)
  .map(([unit]) => unit.toUpperCase());

/**
 * Parse a CPU amount — "2", "0.5" or millicores "500m" — into nano-CPUs (Docker's `NanoCpus`).
 * Returns undefined for anything else, and for zero or less than one nano-CPU.
 */
export function parseCpu(text: string): number | undefined {
  const match = CPU_SYNTAX.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const cpus = match[2] === 'm' ? amount / 1000 : amount;
  const nanoCpus = Math.round(cpus * NANO_CPUS_PER_CPU);
  return nanoCpus > 0 ? nanoCpus : undefined;
}

/**
 * Parse a memory amount — "4G", "512M", "512Mi", "1g", "1.5G", "64mb" or plain bytes "1024" — into bytes
 * (Docker's `Memory`). Returns undefined for anything else, and for less than one byte.
 */
export function parseMemory(text: string): number | undefined {
  const match = MEMORY_SYNTAX.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  const bytes = Math.floor(amount * 1024 ** (UNIT_EXPONENT[unit] ?? 0));
  return bytes >= 1 ? bytes : undefined;
}

const SPACES = '[ \\t]*';
/** The end of the text; `$` would also match before a final line break in some languages. */
const END = '(?![\\s\\S])';
const caseless = (letter: string) => `[${letter}${letter.toUpperCase()}]`;

/** A CPU amount the engine accepts: at least 0.01 cores, or 10 millicores. */
export const CPU_AMOUNT_PATTERN =
  `^${SPACES}(?:${decimalAtLeastPattern(MIN_CPU)}|` +
  `${decimalAtLeastPattern(String(Number(MIN_CPU) * 1000))}${SPACES}m)${SPACES}${END}`;

/** A memory amount the engine accepts: at least MIN_MEMORY_BYTES, whatever the unit. */
export const MEMORY_AMOUNT_PATTERN = `^${SPACES}(?:${Object.entries(UNIT_EXPONENT)
  .filter(([unit]) => unit !== 'b')
  .map(([unit, exponent]) => {
    const atLeast = decimalAtLeastPattern(exactQuotient(MIN_MEMORY_BYTES, exponent));
    const suffix = unit === '' ? `${caseless('b')}?` : `${caseless(unit)}${caseless('i')}?${caseless('b')}?`;
    return `${atLeast}${SPACES}${suffix}`;
  })
  .join('|')})${SPACES}${END}`;

const CPU_AMOUNT = new RegExp(CPU_AMOUNT_PATTERN);
const MEMORY_AMOUNT = new RegExp(MEMORY_AMOUNT_PATTERN);

/** What is wrong with a CPU amount, or undefined when the engine accepts it. */
export function cpuProblem(text: string): AmountProblem | undefined {
  return amountProblem(text, CPU_SYNTAX, CPU_AMOUNT);
}

/** What is wrong with a memory amount, or undefined when the engine accepts it. */
export function memoryProblem(text: string): AmountProblem | undefined {
  return amountProblem(text, MEMORY_SYNTAX, MEMORY_AMOUNT);
}

/** Not an amount at all; zero; or more than zero but below the engine's minimum. */
export type AmountProblem = 'syntax' | 'zero' | 'below-minimum';

function amountProblem(text: string, syntax: RegExp, accepted: RegExp): AmountProblem | undefined {
  if (accepted.test(text)) return undefined;
  if (!syntax.test(text)) return 'syntax';
  return /[1-9]/.test(text) ? 'below-minimum' : 'zero';
}

/** `bytes / 1024^exponent` written out exactly (a power of two divides into a finite decimal). */
function exactQuotient(bytes: number, exponent: number): string {
  const divisor = 1024n ** BigInt(exponent);
  const whole = BigInt(bytes) / divisor;
  let remainder = BigInt(bytes) % divisor;
  let digits = '';
  while (remainder > 0n) {
    remainder *= 10n;
    digits += String(remainder / divisor);
    remainder %= divisor;
  }
  return digits ? `${whole}.${digits}` : String(whole);
}
