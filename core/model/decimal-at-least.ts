/**
 * A regular expression source that matches a plain decimal numeral (`12`, `0.5`, `.5`, leading zeros allowed,
 * no sign, no exponent) exactly when its value is at least `threshold` — compared digit by digit, so there is no
 * floating-point rounding at the boundary. JSON Schema has no "minimum" for numbers written as strings; this is
 * how the schema states the engine's minimums for `resources.cpu` and `resources.memory` (see resource-units.ts),
 * and how validation checks them, with the same pattern.
 * Only ASCII classes and non-capturing groups: the pattern reads alike in JavaScript and in other languages.
 */
export function decimalAtLeastPattern(threshold: string): string {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(threshold);
  if (!match) throw new Error(`not a plain decimal: ${threshold}`);
  const integer = (match[1] ?? '').replace(/^0+/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const anyFraction = '(?:\\.[0-9]+)?';
  const branches: string[] = [];
  if (integer === '') {
    // Below one: any numeral with a non-zero integer part is larger; otherwise compare the fractions.
    branches.push(`0*[1-9][0-9]*${anyFraction}`);
    branches.push(fraction === '' ? `0*(?:\\.[0-9]+)?` : `0*\\.${fractionAtLeast(fraction)}`);
    return `(?:${branches.join('|')})`;
  }
  // More integer digits than the threshold: larger, whatever follows.
  branches.push(`0*[1-9][0-9]{${integer.length},}${anyFraction}`);
  // As many digits: larger at the first digit that differs, or equal digits and a fraction at least as large.
  for (let k = 0; k < integer.length; k++) {
    const above = digitsAbove(integer.charAt(k));
    if (above)
      branches.push(`0*${integer.slice(0, k)}${above}${digits(integer.length - k - 1)}${anyFraction}`);
  }
  branches.push(
    fraction === '' ? `0*${integer}${anyFraction}` : `0*${integer}\\.${fractionAtLeast(fraction)}`,
  );
  return `(?:${branches.join('|')})`;
}

/** Fraction digits (at least one) whose value as `0.<digits>` is at least `0.<fraction>`. */
function fractionAtLeast(fraction: string): string {
  const branches: string[] = [];
  for (let k = 0; k < fraction.length; k++) {
    const above = digitsAbove(fraction.charAt(k));
    if (above) branches.push(`${fraction.slice(0, k)}${above}[0-9]*`);
  }
  branches.push(`${fraction}[0-9]*`);
  return `(?:${branches.join('|')})`;
}

/** Exactly `count` digits. */
function digits(count: number): string {
  return count === 0 ? '' : count === 1 ? '[0-9]' : `[0-9]{${count}}`;
}

/** The class of digits greater than `digit`, or '' for 9. */
function digitsAbove(digit: string): string {
  const next = Number(digit) + 1;
  if (next > 9) return '';
  return next === 9 ? '9' : `[${next}-9]`;
}
