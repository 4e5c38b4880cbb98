import { lexInterpolations } from '../interpolate/lex-interpolations.js';
import {
  ownValue,
  resolveInterpolations,
  type ResolveContext,
} from '../interpolate/resolve-interpolations.js';

/** A `${…}` text rendered in a step's context: its value (secrets masked), or why it has none. */
export type Rendered = { ok: true; value: string } | { ok: false; message: string };

/**
 * Render an expression as the workflow file would at this step: `${inputs.x}`, `${steps.a.outputs.k}`, `${NAME}`
 * (host environment and `.env`), mixed with text. A bare reference (`inputs.x`, `NAME`) is read as `${…}`.
 */
export function renderExpression(
  expression: string,
  context: ResolveContext,
  mask: (text: string) => string,
): Rendered {
  const text = expression.includes('${') ? expression : `\${${expression.trim()}}`;
  for (const piece of lexInterpolations(text)) {
    if (piece.kind !== 'interpolation') continue;
    const { reference, expression: inner } = piece.interpolation;
    if (reference.kind === 'malformed') return { ok: false, message: `\${${inner}}: ${reference.reason}` };
    if (reference.kind === 'partial' || !piece.interpolation.closed)
      return { ok: false, message: `\${${inner}: missing closing "}"` };
  }
  const { value, unresolved } = resolveInterpolations(text, context);
  const [first] = unresolved;
  if (first)
    return {
      ok: false,
      message: mask(`\${${first.expression}} has no value ${whyUnresolved(first.reference, context)}`),
    };
  return { ok: true, value: mask(value) };
}

function whyUnresolved(
  reference: { kind: string; stepId?: string; key?: string; name?: string },
  context: ResolveContext,
): string {
  if (reference.kind === 'step-output' && reference.stepId !== undefined) {
    return ownValue(context.stepOutputs, reference.stepId)
      ? `(step "${reference.stepId}" wrote no output "${reference.key}")`
      : `(step "${reference.stepId}" has not succeeded yet in this run)`;
  }
  if (reference.kind === 'input') return `(no input "${reference.name}" was given)`;
  return `(${reference.name ?? 'it'} is not set)`;
}

/** A breakpoint condition holds when it renders to a non-empty text other than `false` and `0`. */
export function conditionHolds(rendered: Rendered): boolean {
  if (!rendered.ok) return false;
  const value = rendered.value.trim();
  return value !== '' && value !== 'false' && value !== '0';
}

/** A completion for the Debug Console. */
export interface ExpressionCompletion {
  label: string;
  /** Text that replaces the `length` characters before the cursor. */
  text: string;
  length: number;
  kind: 'step' | 'output' | 'input' | 'variable' | 'keyword';
}

/**
 * Completions for the text before the cursor in the Debug Console: after `${steps.` the step ids that have
 * outputs, after `${steps.<id>.outputs.` that step's output keys, after `${inputs.` the inputs, after `${` the
 * variables and the `inputs.` / `steps.` prefixes.
 */
export function completeExpression(before: string, context: ResolveContext): ExpressionCompletion[] {
  const open = before.lastIndexOf('${');
  if (open === -1 || before.indexOf('}', open) !== -1) return [];
  const typed = before.slice(open + 2);
  const parts = typed.split('.');
  const last = parts.at(-1) ?? '';
  const offer = (labels: string[], kind: ExpressionCompletion['kind'], suffix = '') =>
    labels
      .filter((label) => label.startsWith(last))
      .map((label) => ({ label, text: label + suffix, length: last.length, kind }));
  if (parts.length === 1) {
    return [
      ...offer(['inputs', 'steps'], 'keyword', '.'),
      ...offer(Object.keys(context.env).sort(), 'variable', '}'),
    ];
  }
  if (parts[0] === 'inputs' && parts.length === 2)
    return offer(Object.keys(context.inputs).sort(), 'input', '}');
  if (parts[0] === 'steps' && parts.length === 2)
    return offer(Object.keys(context.stepOutputs).sort(), 'step', '.outputs.');
  if (parts[0] === 'steps' && parts.length === 3) return offer(['outputs'], 'keyword', '.');
  if (parts[0] === 'steps' && parts.length === 4 && parts[2] === 'outputs') {
    const outputs = ownValue(context.stepOutputs, parts[1] ?? '') ?? {};
    return offer(Object.keys(outputs).sort(), 'output', '}');
  }
  return [];
}
