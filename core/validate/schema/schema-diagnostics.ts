import type { ErrorObject } from 'ajv';
import { isCollection, isMap, isScalar, type Document, type Node } from 'yaml';
import type { Span } from '../../model/source.js';
import { spanOf } from '../../parse/read-nodes.js';
import { closestMatch, didYouMean } from '../did-you-mean.js';
import { spanDiagnostic, type SpanDiagnostic } from '../span-diagnostic.js';
import { describePath, describeTypes, describeValue } from './describe-path.js';
import { keyNodeOf, nodeAtPath, pathSegments, type PathTarget } from './node-at-path.js';
import { reportableErrors } from './schema-errors.js';

/** Where a validated JS value came from: its YAML node and its path from the document root. */
export interface SchemaSubject {
  document: Document;
  text: string;
  node: Node | null;
  /** Path segments of `node` from the root (`['steps', '3']` for the fourth step). */
  path: readonly string[];
  /** `step "build"` when the subject is a step with a readable id. */
  stepLabel?: string;
}

/** Turn ajv errors into DW002 (unknown key, on the key) and DW003 (on the offending value). */
export function schemaDiagnostics(errors: readonly ErrorObject[], subject: SchemaSubject): SpanDiagnostic[] {
  const diagnostics: SpanDiagnostic[] = [];
  const suggested = new Set<string>();
  // Unknown keys first, so their suggestions are known when the "required" errors come (order is fixed later).
  const unknownFirst = reportableErrors(errors).sort(
    (a, b) => Number(b.keyword === 'additionalProperties') - Number(a.keyword === 'additionalProperties'),
  );
  for (const error of unknownFirst) {
    if (error.keyword === 'propertyNames' || error.keyword === 'if') continue; // reported by the inner error
    // `iid: build` is one mistake: "did you mean id" already says what "has no id" would.
    if (
      error.keyword === 'required' &&
      suggested.has(`${error.instancePath}/${String(error.params.missingProperty)}`)
    ) {
      continue;
    }
    const segments = pathSegments(error.instancePath);
    const target = nodeAtPath(subject.node, segments, subject.document);
    const description = describePath([...subject.path, ...segments], subject.stepLabel);
    const prefix = description.owner ? `${description.owner}: ` : '';
    const diagnostic =
      error.keyword === 'additionalProperties'
        ? unknownProperty(error, target, subject, prefix)
        : error.propertyName !== undefined
          ? badPropertyName(error, target, subject, prefix)
          : schemaViolation(error, target, subject, description.owner, description.field);
    const suggestion = diagnostic.data?.suggestion;
    if (typeof suggestion === 'string') suggested.add(`${error.instancePath}/${suggestion}`);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function unknownProperty(
  error: ErrorObject,
  target: PathTarget,
  subject: SchemaSubject,
  prefix: string,
): SpanDiagnostic {
  const property = String((error.params as { additionalProperty: string }).additionalProperty);
  const keyNode = keyNodeOf(target.node, property, subject.document);
  const present = new Set(Object.keys((error.data as object | null) ?? {}));
  const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {}).filter(
    (name) => !present.has(name),
  );
  const suggestion = closestMatch(property, known);
  const data: Record<string, unknown> = { property };
  if (suggestion !== undefined) data.suggestion = suggestion;
  return spanDiagnostic(
    'DW002',
    keyNode ? spanOf(keyNode) : valueSpan(target, subject.text),
    `${prefix}unknown property "${property}"${didYouMean(suggestion)}`,
    data,
  );
}

function badPropertyName(
  error: ErrorObject,
  target: PathTarget,
  subject: SchemaSubject,
  prefix: string,
): SpanDiagnostic {
  const name = String(error.propertyName);
  const keyNode = keyNodeOf(target.node, name, subject.document);
  const span = keyNode ? spanOf(keyNode) : valueSpan(target, subject.text);
  const what =
    subject.path[0] === 'inputs' || error.instancePath === '/inputs' ? 'input name' : 'variable name';
  const rule =
    what === 'input name'
      ? 'may only contain letters, digits, "_" and "-", and must start with a letter or "_"'
      : 'may not contain "=" or spaces';
  return spanDiagnostic('DW003', span, `${prefix}${what} "${name}" ${rule}`);
}

function schemaViolation(
  error: ErrorObject,
  target: PathTarget,
  subject: SchemaSubject,
  owner: string | undefined,
  field: string,
): SpanDiagnostic {
  const params = error.params as Record<string, unknown>;
  const prefix = owner ? `${owner}: ` : '';
  switch (error.keyword) {
    case 'type': {
      const expected = describeTypes(params.type);
      const got = describeValue(error.data) + listHint(field, error.data);
      if (field)
        return spanDiagnostic(
          'DW003',
          valueSpan(target, subject.text),
          `${prefix}${field} must be ${expected} (got ${got})`,
        );
      if (owner)
        return spanDiagnostic(
          'DW003',
          valueSpan(target, subject.text),
          `${owner} must be ${expected} (got ${got})`,
        );
      return spanDiagnostic(
        'DW003',
        valueSpan(target, subject.text),
        `a workflow must be a mapping with a "steps" list (got ${got})`,
      );
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const where = owner ?? 'the workflow';
      return spanDiagnostic(
        'DW003',
        firstKeySpan(target, subject.text),
        `${where}${field ? ` ${field}` : ''} has no "${missing}"`,
      );
    }
    case 'pattern':
      if (field === 'id' && subject.path[0] === 'steps') {
        return spanDiagnostic(
          'DW003',
          valueSpan(target, subject.text),
          `step id ${describeValue(error.data)} may only contain letters, digits, "_" and "-", and may not start with "-"`,
        );
      }
      return spanDiagnostic(
        'DW003',
        valueSpan(target, subject.text),
        `${prefix}${field} ${describeValue(error.data)} does not match ${String(params.pattern)}`,
      );
    case 'minimum':
      return spanDiagnostic(
        'DW003',
        valueSpan(target, subject.text),
        `${prefix}${field} must be ${String(params.limit)} or more (got ${describeValue(error.data)})`,
      );
    case 'minItems':
      if (field === 'steps' && !owner)
        return spanDiagnostic(
          'DW003',
          valueSpan(target, subject.text),
          'the workflow has no steps: a run needs at least one under "steps"',
        );
      return spanDiagnostic(
        'DW003',
        valueSpan(target, subject.text),
        `${prefix}${field} must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`,
      );
    case 'minLength':
      return spanDiagnostic('DW003', valueSpan(target, subject.text), `${prefix}${field} must not be empty`);
    default:
      return spanDiagnostic(
        'DW003',
        valueSpan(target, subject.text),
        `${prefix}${field ? `${field} ` : ''}${error.message ?? 'is not valid'}`,
      );
  }
}

/**
 * The span to underline for a value: the scalar itself; for a mapping or list, its key (or its first line),
 * so an error never paints a whole block; for an empty value, its key.
 */
function valueSpan(target: PathTarget, text: string): Span {
  const { node, keyNode } = target;
  const span = node ? spanOf(node) : undefined;
  const empty =
    !span || span.end <= span.start || (isScalar(node) && node.value === null && keyNode !== undefined);
  if (empty) return keyNode ? spanOf(keyNode) : (span ?? { start: 0, end: 0 });
  if (isCollection(node)) return keyNode ? spanOf(keyNode) : firstLine(span, text);
  return span;
}

/** For a missing property: the first key of the mapping that lacks it (or the value's span). */
function firstKeySpan(target: PathTarget, text: string): Span {
  const node = target.node;
  const firstKey = isMap(node) ? (node.items[0]?.key as Node | undefined) : undefined;
  return firstKey ? spanOf(firstKey) : valueSpan(target, text);
}

function firstLine(span: Span, text: string): Span {
  const lineEnd = text.indexOf('\n', span.start);
  const end = lineEnd === -1 ? span.end : Math.min(span.end, lineEnd);
  return { start: span.start, end: end > span.start ? end : span.end };
}

/** `command: python build.py` is a common slip: show the list it should be. */
function listHint(field: string, value: unknown): string {
  if (field !== 'command' || typeof value !== 'string' || !value.trim()) return '';
  return `; write ${JSON.stringify(value.trim().split(/\s+/)).replace(/","/g, '", "')}`;
}
