import { seededRandom } from '../../lsp/support/random-edits.js';

/**
 * `count` strings of up to `maxPieces` items of `pieces` each, the same for the same seed: property tests made
 * of a grammar's own pieces hit its edge cases far more often than random characters, and replay when they fail.
 */
export function randomStrings(
  pieces: readonly string[],
  count: number,
  seed: number,
  maxPieces = 6,
): string[] {
  const random = seededRandom(seed);
  const below = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, () => {
    let text = '';
    for (let length = below(maxPieces + 1); length > 0; length--) text += pieces[below(pieces.length)] ?? '';
    return text;
  });
}
