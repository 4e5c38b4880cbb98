import type { Span } from '../model/source.js';

/** What a `${…}` expression refers to. */
export type Reference =
  | { kind: 'env'; name: string; defaultValue?: string }
  | { kind: 'input'; name: string }
  | { kind: 'step-output'; stepId: string; key: string }
  /** A reference cut short while typing, such as `${steps.build.` (completion uses it). */
  | { kind: 'partial'; path: string[] }
  | { kind: 'malformed'; reason: string };

/** One `${…}` found in a string, with spans relative to the start of the string. */
export interface Interpolation {
  /** Span of the whole `${…}` (or up to the end of the text when unclosed). */
  span: Span;
  /** Span of the text between `${` and `}`. */
  innerSpan: Span;
  /** The text between the braces. */
  expression: string;
  closed: boolean;
  reference: Reference;
}

/** A piece of a lexed string: literal text, or an interpolation. */
export type Piece = { kind: 'text'; text: string } | { kind: 'interpolation'; interpolation: Interpolation };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const STEP_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/**
 * Split a string into literal text and `${…}` interpolations. `$${` is a literal `${`.
 * Tolerant: an unclosed `${` is returned as a malformed (or partial) interpolation.
 */
export function lexInterpolations(text: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    // Jump from one `$` to the next: most of a string is literal text.
    const dollar = text.indexOf('$', i);
    if (dollar === -1) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, dollar);
    i = dollar;
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += '$';
      i++;
      continue;
    }
    const interpolation = interpolationAt(text, i);
    if (literal) pieces.push({ kind: 'text', text: literal });
    literal = '';
    pieces.push({ kind: 'interpolation', interpolation });
    i = interpolation.span.end;
  }
  if (literal) pieces.push({ kind: 'text', text: literal });
  return pieces;
}

/** The interpolation whose `${` starts at `start`. */
function interpolationAt(text: string, start: number): Interpolation {
  const close = text.indexOf('}', start + 2);
  const innerEnd = close === -1 ? text.length : close;
  const expression = text.slice(start + 2, innerEnd);
  return {
    span: { start, end: close === -1 ? text.length : close + 1 },
    innerSpan: { start: start + 2, end: innerEnd },
    expression,
    closed: close !== -1,
    reference: close === -1 ? classifyExpression(expression, false) : classifyClosed(expression),
  };
}

/**
 * Only the interpolations of a string (same rules as `lexInterpolations`, without building the literal text:
 * validation calls this on every interpolable string of a workflow).
 */
export function findInterpolations(text: string): Interpolation[] {
  if (!text.includes('${')) return [];
  const found: Interpolation[] = [];
  let i: number;
  for (let dollar = text.indexOf('$'); dollar !== -1; dollar = text.indexOf('$', i)) {
    const next = text.charCodeAt(dollar + 1);
    if (next === DOLLAR && text.charCodeAt(dollar + 2) === OPEN_BRACE) {
      i = dollar + 3; // `$${` is a literal `${`
    } else if (next === OPEN_BRACE) {
      const interpolation = interpolationAt(text, dollar);
      found.push(interpolation);
      i = interpolation.span.end;
    } else {
      i = dollar + 1;
    }
  }
  return found;
}

const DOLLAR = 36;
const OPEN_BRACE = 123;

/**
 * Classifications of closed expressions, shared: workflows repeat the same `${inputs.x}` or `${API_KEY}` many
 * times, and validation lexes every string on every edit. The Reference objects are never mutated.
 */
const classified = new Map<string, Reference>();
const MAX_CLASSIFIED = 10_000;

function classifyClosed(expression: string): Reference {
  let reference = classified.get(expression);
  if (reference === undefined) {
    if (classified.size >= MAX_CLASSIFIED) classified.clear();
    reference = classifyExpression(expression, true);
    classified.set(expression, reference);
  }
  return reference;
}

function classifyExpression(expression: string, closed: boolean): Reference {
  const trimmed = expression.trim();
  if (trimmed !== expression) return { kind: 'malformed', reason: 'spaces are not allowed inside ${…}' };
  if (expression === '')
    return closed ? { kind: 'malformed', reason: 'empty ${}' } : { kind: 'partial', path: [] };
  const defaultAt = expression.indexOf(':-');
  if (defaultAt !== -1) {
    const name = expression.slice(0, defaultAt);
    if (!ENV_NAME.test(name))
      return malformedOrPartial(expression, closed, `"${name}" is not a variable name`);
    if (!closed) return { kind: 'malformed', reason: 'missing closing "}"' };
    return { kind: 'env', name, defaultValue: expression.slice(defaultAt + 2) };
  }
  const path = expression.split('.');
  const [root, name, section, key] = path;
  if (root === 'inputs') {
    if (path.length === 2 && name !== undefined && INPUT_NAME.test(name) && closed)
      return { kind: 'input', name };
    return malformedOrPartial(expression, closed, 'expected ${inputs.<name>}');
  }
  if (root === 'steps') {
    const stepId = name;
    if (
      path.length === 4 &&
      stepId !== undefined &&
      key !== undefined &&
      STEP_ID.test(stepId) &&
      section === 'outputs' &&
      ENV_NAME.test(key) &&
      closed
    ) {
      return { kind: 'step-output', stepId, key };
    }
    return malformedOrPartial(expression, closed, 'expected ${steps.<id>.outputs.<key>}');
  }
  if (path.length === 1 && ENV_NAME.test(expression)) {
    return closed ? { kind: 'env', name: expression } : { kind: 'partial', path };
  }
  return malformedOrPartial(expression, closed, `"${expression}" is not a variable, input or step output`);
}

function malformedOrPartial(expression: string, closed: boolean, reason: string): Reference {
  if (!closed) {
    const path = expression.split('.');
    const plausible = path.every((part, index) =>
      (index === path.length - 1 ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9_-]+$/).test(part),
    );
    return plausible ? { kind: 'partial', path } : { kind: 'malformed', reason: 'missing closing "}"' };
  }
  return { kind: 'malformed', reason };
}
