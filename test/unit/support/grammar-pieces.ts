// Pieces of the grammars that validation and the schema both state, for seeded property tests (random-strings.ts):
// made of these, random strings hit every branch far more often than random characters would.

/** Image references: hosts, ports, separators, tags, digests, and junk. */
export const IMAGE_PIECES: readonly string[] = [
  ...['a', 'b1', 'img', 'Z', '0', '.', '..', '_', '__', '-', '/', '/', ':', ':5000', '@'],
  ...['localhost', '[::1]', 'x.io', ' ', '$', '${A}', `@sha256:${'ab'.repeat(16)}`],
];

/** `${…}` interpolations: whole ones, broken ones, escapes, names, and the spaces `trim()` removes. */
export const INTERPOLATION_PIECES: readonly string[] = [
  ...['$', '{', '}', ':-', '.', 'a', 'Z', '_', '-', '1', ' ', '\t', '\n', '\u00a0', '/'],
  ...['inputs', 'steps', 'outputs', '${', '$${', '${A}', '${A:-', '${inputs.', '${inputs.x}'],
  ...['${steps.s.outputs.', '${steps.base.outputs.k}'],
];
