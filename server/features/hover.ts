import { MarkupKind, type Hover } from 'vscode-languageserver';
import { findInterpolations, type Reference } from '../../core/interpolate/lex-interpolations.js';
import type { AnalyzedDocument } from '../documents/analyzed-document.js';
import { schemaAtPath } from '../schema/schema-at-path.js';
import { cursorContext } from './cursor/cursor-context.js';
import { lineEndAt, lineStartAt, readYamlLine } from './cursor/yaml-lines.js';
import { stepOccurrenceAt } from './navigation/step-occurrences.js';
import { stepById } from './step-lookup.js';
import { stepSummaryMarkdown } from './step-summary.js';

/** What `.env` values and secret inputs look like in a hover: the runner treats them as secrets. */
const MASK = '***';

/**
 * Hover: the schema's description on a key; a step's summary on a step id (in `depends_on`, `id:` or
 * `${steps.<id>…}`); on `${VAR}` / `${inputs.x}` what the value would be, masked when it is secret.
 */
export function hover(document: AnalyzedDocument, offset: number): Hover | null {
  return interpolationHover(document, offset) ?? stepHover(document, offset) ?? keyHover(document, offset);
}

function markdown(value: string, start: number, end: number, document: AnalyzedDocument): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: document.source.rangeOf({ start, end }) };
}

function keyHover(document: AnalyzedDocument, offset: number): Hover | null {
  const text = document.source.text;
  const lineStart = lineStartAt(text, offset);
  const line = readYamlLine(text, lineStart, lineEndAt(text, lineStart));
  if (line.key === undefined) return null;
  const keyStart = lineStart + line.contentColumn;
  const keyEnd = keyStart + text.slice(keyStart).indexOf(':');
  if (offset < keyStart || offset > keyEnd) return null;
  const context = cursorContext(text, keyEnd + 1);
  const description = schemaAtPath(context.path)?.description;
  return description ? markdown(`**${line.key}**\n\n${description}`, keyStart, keyEnd, document) : null;
}

function stepHover(document: AnalyzedDocument, offset: number): Hover | null {
  const occurrence = stepOccurrenceAt(document.workflow, offset);
  if (!occurrence) return null;
  const step = stepById(document.workflow, occurrence.id);
  const value = step
    ? stepSummaryMarkdown(document.workflow, step)
    : `No step has the id \`${occurrence.id}\`.`;
  return markdown(value, occurrence.span.start, occurrence.span.end, document);
}

function interpolationHover(document: AnalyzedDocument, offset: number): Hover | null {
  const text = document.source.text;
  const lineStart = lineStartAt(text, offset);
  const lineText = text.slice(lineStart, lineEndAt(text, lineStart));
  const found = findInterpolations(lineText).find(
    (i) => lineStart + i.span.start <= offset && offset < lineStart + i.span.end,
  );
  if (!found || found.reference.kind === 'step-output') return null;
  const value = describeReference(document, found.reference);
  return value ? markdown(value, lineStart + found.span.start, lineStart + found.span.end, document) : null;
}

function describeReference(document: AnalyzedDocument, reference: Reference): string | undefined {
  if (reference.kind === 'env') {
    const fromFile = document.envFile()[reference.name];
    const lines = [`**\${${reference.name}}** — environment variable`, ''];
    if (fromFile !== undefined)
      lines.push(
        `Set in \`.env\` beside this file: \`${MASK}\` (values from \`.env\` are treated as secrets).`,
      );
    else lines.push('Read from the host environment when the workflow runs.');
    if (reference.defaultValue !== undefined)
      lines.push('', `Default when unset or empty: \`${reference.defaultValue}\``);
    return lines.join('\n');
  }
  if (reference.kind === 'input') {
    const input = document.workflow.inputs?.find((declared) => declared.name.value === reference.name);
    if (!input)
      return `**\${inputs.${reference.name}}** — input${document.workflow.inputs ? ' (not declared in `inputs`)' : ' supplied at run time'}`;
    const lines = [`**\${inputs.${reference.name}}** — input`, ''];
    if (input.description) lines.push(input.description.value, '');
    const secret = input.secret?.value === true;
    if (input.default) lines.push(`Default: \`${secret ? MASK : input.default.value}\``);
    if (input.required?.value) lines.push('Required.');
    if (secret) lines.push('Secret: masked in logs and results.');
    return lines.join('\n');
  }
  return undefined;
}
