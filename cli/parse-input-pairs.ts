import { UsageError } from './command.js';

/** `--input name=value` pairs as a map; a pair without `=` (or with an empty name) is a usage error. */
export function parseInputPairs(command: string, pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new UsageError(`${command}: --input "${pair}" is not name=value`);
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
}
