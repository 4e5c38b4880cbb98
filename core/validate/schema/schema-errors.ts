import type { ErrorObject } from 'ajv';

/**
 * Schema errors that a semantic check reports better, with a message that says what would be accepted: the
 * schema states the same rule (so other tools refuse the same documents), but here it would be said twice.
 */
const OWNED_BY_SEMANTIC_CHECKS: { keywords: readonly string[]; path: RegExp; missing?: RegExp }[] = [
  // DW017/DW018: cpu and memory amounts (the string pattern and the number minimum).
  { keywords: ['pattern', 'minimum'], path: /(^|\/)resources\/(cpu|memory)$/ },
  // DW024 and DW020: images.
  { keywords: ['pattern'], path: /(^|\/)image$/ },
  // DW020, DW016 and DW025: interpolated strings, volume sources and targets.
  {
    keywords: ['pattern'],
    path: /(^|\/)(command\/\d+|environment\/[^/]+|volumes\/\d+\/(source|target)|outputs\/\d+\/value)$/,
  },
  // DW016: a volume without source or target.
  { keywords: ['required'], path: /(^|\/)volumes\/\d+$/, missing: /^(source|target)$/ },
  // DW015: `command: []`.
  { keywords: ['minItems'], path: /(^|\/)command$/ },
];

/**
 * The errors worth a diagnostic: those of `anyOf` branches read as one (a value of none of the branch types is
 * one type error listing them all; otherwise only the errors of the branch of the value's type count), and
 * without the errors a semantic check owns.
 */
export function reportableErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  return collapseAnyOf(errors).filter((error) => !ownedBySemanticCheck(error));
}

function ownedBySemanticCheck(error: ErrorObject): boolean {
  const { missingProperty } = error.params as { missingProperty?: unknown };
  const missing = typeof missingProperty === 'string' ? missingProperty : '';
  return OWNED_BY_SEMANTIC_CHECKS.some(
    (rule) =>
      rule.keywords.includes(error.keyword) &&
      rule.path.test(error.instancePath) &&
      (!rule.missing || rule.missing.test(missing)),
  );
}

function collapseAnyOf(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, ErrorObject>();
  for (const anyOf of errors) {
    if (anyOf.keyword !== 'anyOf') continue;
    const prefix = `${anyOf.schemaPath}/`;
    const branchErrors = errors.filter(
      (error) => error.schemaPath.startsWith(prefix) && error.instancePath.startsWith(anyOf.instancePath),
    );
    const typeErrors = branchErrors.filter(
      (error) => error.keyword === 'type' && error.instancePath === anyOf.instancePath,
    );
    const branches = ((anyOf.schema as unknown[] | undefined) ?? []).length;
    for (const error of typeErrors) dropped.add(error);
    if (typeErrors.length === branches) {
      // The value has none of the types: one error naming them all.
      const types = typeErrors.map((error) => String((error.params as { type: unknown }).type));
      replaced.set(anyOf, { ...anyOf, keyword: 'type', params: { type: types.join(',') } });
    } else {
      dropped.add(anyOf);
    }
  }
  return errors.filter((error) => !dropped.has(error)).map((error) => replaced.get(error) ?? error);
}
