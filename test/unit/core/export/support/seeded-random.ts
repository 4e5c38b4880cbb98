/** A deterministic random number generator in [0, 1) (a linear congruential one): fuzz cases replay from the seed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A string of up to `maxLength - 1` characters drawn from `alphabet`. */
export function randomString(random: () => number, alphabet: readonly string[], maxLength: number): string {
  const length = Math.floor(random() * maxLength);
  return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)] ?? '').join('');
}
