import { lexInterpolations, type Reference } from './lex-interpolations.js';

/** Where `${…}` values come from at run time. */
export interface ResolveContext {
  /** Host environment merged with the `.env` file beside the workflow. */
  env: Readonly<Record<string, string | undefined>>;
  inputs: Readonly<Record<string, string>>;
  /** Outputs of finished steps, by step id. */
  stepOutputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A reference that has no value: reported before any step starts, or when the step is about to start. */
export interface UnresolvedReference {
  expression: string;
  reference: Reference;
}

export interface Resolved {
  value: string;
  unresolved: UnresolvedReference[];
}

/** Replace every `${…}` of `text`; `$${` becomes a literal `${`. Unresolvable references are listed, not thrown. */
export function resolveInterpolations(text: string, context: ResolveContext): Resolved {
  const unresolved: UnresolvedReference[] = [];
  let value = '';
  for (const piece of lexInterpolations(text)) {
    if (piece.kind === 'text') {
      value += piece.text;
      continue;
    }
    const { reference, expression } = piece.interpolation;
    const resolved = resolveReference(reference, context);
    if (resolved === undefined) unresolved.push({ expression, reference });
    else value += resolved;
  }
  return { value, unresolved };
}

/**
 * `record[key]` when the record itself holds it: `${inputs.toString}` or `${steps.a.outputs.constructor}`
 * must not find what every object inherits.
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function resolveReference(reference: Reference, context: ResolveContext): string | undefined {
  switch (reference.kind) {
    case 'env': {
      const value = ownValue(context.env, reference.name);
      // `${VAR:-default}` follows the shell: the default also applies when VAR is set but empty.
      if (reference.defaultValue !== undefined && (value === undefined || value === ''))
        return reference.defaultValue;
      return value;
    }
    case 'input':
      return ownValue(context.inputs, reference.name);
    case 'step-output':
      return ownValue(ownValue(context.stepOutputs, reference.stepId), reference.key);
    default:
      return undefined;
  }
}
