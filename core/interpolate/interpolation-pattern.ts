/**
 * The `${…}` grammar of lex-interpolations.ts as regular-expression sources, for the schema (which must refuse
 * what validation refuses, DW020 included) — test/unit/interpolate/interpolation-pattern.test.ts checks them
 * against the lexer. Only ASCII classes, `\uXXXX` escapes and lookaheads: they read alike in JavaScript and in
 * the regular expressions of other languages' schema validators.
 */

/** What JavaScript's `trim()` removes (the lexer refuses a `${…}` that starts or ends with one of these). */
export const TRIMMED_SPACE =
  '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
export const NOT_TRIMMED_SPACE = TRIMMED_SPACE.replace('[', '[^');

const ENV_NAME = '[A-Za-z_][A-Za-z0-9_]*';
const INPUT_NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const STEP_ID = '[A-Za-z0-9_][A-Za-z0-9_-]*';
/** A default runs to the first `}` and may not end with a space the lexer would trim. */
const DEFAULT = `(?:[^}]*[^}${TRIMMED_SPACE.slice(1)})?`;

/** One well-formed `${…}`: a variable (alone, `inputs` and `steps` are prefixes), with a default, an input or a step output. */
export const INTERPOLATION = `\\$\\{(?:(?!(?:inputs|steps)\\})${ENV_NAME}(?::-${DEFAULT})?|inputs\\.${INPUT_NAME}|steps\\.${STEP_ID}\\.outputs\\.${ENV_NAME})\\}`;

/** A literal `$`: the escape `$${`, or a `$` that opens nothing. Text without `$` is matched by `[^$]*`. */
export const LITERAL_DOLLAR = '\\$\\$\\{|\\$(?!\\{)(?!\\$\\{)';

/** The end of the text; `$` would also match before a final line break in some languages. */
export const END = '(?![\\s\\S])';

/**
 * Text made of `tokens` (each starting with `$`) and runs of anything else, written as `[^$]*(?:(?:…)[^$]*)*`:
 * plain text is matched in one step, and since no two tokens can start at the same place, a failed match
 * gives up in linear time.
 */
export function dollarTokens(tokens: string): string {
  return `[^$]*(?:(?:${tokens})[^$]*)*`;
}

/** A whole string in which every `${` (not escaped as `$${`) opens a well-formed interpolation. */
export const INTERPOLABLE_PATTERN = `^${dollarTokens(`${LITERAL_DOLLAR}|${INTERPOLATION}`)}${END}`;
