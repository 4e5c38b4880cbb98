/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), so `biuld` is one
 * edit from `build`. Stops early once every cell of a row exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousPrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(cell(previous, j) + 1, cell(current, j - 1) + 1, cell(previous, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, cell(previousPrevious, j - 2) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previousPrevious, previous, current] = [previous, current, previousPrevious];
  }
  return cell(previous, b.length);
}

/** A cell of a distance row; every row has `b.length + 1` cells, so the fallback is never used. */
function cell(row: readonly number[], column: number): number {
  return row[column] ?? Infinity;
}

/**
 * The candidate closest to `word`, if it is close enough to be the likely intent: a different case, or up to
 * none for one or two characters, one edit up to 5 characters, two from 6, three from 12; failing that, a candidate that starts with `word`. Ties go to the earlier candidate.
 */
export function closestMatch(word: string, candidateList: Iterable<string>): string | undefined {
  const candidates = [...candidateList];
  const limit = word.length >= 12 ? 3 : word.length >= 6 ? 2 : word.length >= 3 ? 1 : 0;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance =
      candidate.toLowerCase() === lower ? 0.5 : editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined || word.length < 3) return best;
  // A cut-short name (`timeout`, `env`) means the longer property it starts.
  for (const candidate of candidates) {
    if (candidate !== word && candidate.toLowerCase().startsWith(lower)) return candidate;
  }
  return undefined;
}

/** ` (did you mean "build"?)`, or nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}
