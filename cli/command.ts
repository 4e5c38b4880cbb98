import { parseArgs, type ParseArgsConfig } from 'node:util';
import { firstLine } from '../core/parse/first-line.js';

/** One `dagger-wf` subcommand. `run` gets the arguments after the command name and returns the exit code. */
export interface CliCommand {
  name: string;
  /** One line for the top-level `--help`. */
  summary: string;
  /** The whole `dagger-wf <name> --help` text. */
  help: string;
  run(argv: string[]): Promise<number>;
}

/** A mistake in how the command was called: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` in strict mode with its errors turned into one-line `UsageError`s
 * (its own messages mention internals such as `ERR_PARSE_ARGS_UNKNOWN_OPTION`).
 */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    throw new UsageError(`${command}: ${message.replace(/\. To specify a positional argument.*$/, '')}`);
  }
}

/** A `--format` value checked against the allowed ones. */
export function chooseFormat<T extends string>(
  command: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${command}: unknown --format "${value}" (use ${allowed.join(' or ')})`);
}
