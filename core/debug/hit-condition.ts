/** A breakpoint's hit condition, as VS Code's Breakpoints view lets users type it. */
export type HitCondition = (hits: number) => boolean;

const FORMS: [RegExp, (n: number) => HitCondition][] = [
  [/^%\s*(\d+)$/, (n) => (hits) => n > 0 && hits % n === 0],
  [/^>=\s*(\d+)$/, (n) => (hits) => hits >= n],
  [/^<=\s*(\d+)$/, (n) => (hits) => hits <= n],
  [/^>\s*(\d+)$/, (n) => (hits) => hits > n],
  [/^<\s*(\d+)$/, (n) => (hits) => hits < n],
  [/^(?:==?\s*)?(\d+)$/, (n) => (hits) => hits === n],
];

/**
 * Parse `5` or `== 5` (the 5th time), `>= 5`, `> 5`, `<= 5`, `< 5`, `% 5` (every 5th time). Returns an error
 * message for anything else, so the breakpoint is shown unverified with the reason instead of never stopping.
 */
export function parseHitCondition(text: string): HitCondition | string {
  const trimmed = text.trim();
  for (const [pattern, make] of FORMS) {
    const match = pattern.exec(trimmed);
    if (match?.[1] !== undefined) return make(Number(match[1]));
  }
  return `Hit count "${text}" is not understood: use a number (the Nth time), >= N, > N, <= N, < N or % N.`;
}
