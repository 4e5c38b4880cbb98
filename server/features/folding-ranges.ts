import type { FoldingRange } from 'vscode-languageserver';
import type { Span } from '../../core/model/source.js';
import type { AnalyzedDocument } from '../documents/analyzed-document.js';
import { lineEndAt, readYamlLine } from './cursor/yaml-lines.js';

/** Folding: every top-level section, every step, and a step's multi-line values (environment, lists…). */
export function foldingRanges(document: AnalyzedDocument): FoldingRange[] {
  const { source, workflow } = document;
  const ranges: FoldingRange[] = [];
  const add = (span: Span | undefined) => {
    if (!span) return;
    const start = source.positionAt(span.start).line;
    const end = source.positionAt(span.end).line - (source.positionAt(span.end).character === 0 ? 1 : 0);
    if (end > start) ranges.push({ startLine: start, endLine: end });
  };
  // Top-level keys, read from the text: from one key at column 0 to the last non-blank line before the next.
  const text = source.text;
  let open: number | undefined;
  let lastContent = 0;
  for (let line = 0, start = 0; start <= text.length; line++) {
    const end = lineEndAt(text, start);
    const read = readYamlLine(text, start, end);
    if (!read.blank) {
      if (read.contentColumn === 0 && read.dashes.length === 0 && read.key !== undefined) {
        if (open !== undefined && lastContent > open) ranges.push({ startLine: open, endLine: lastContent });
        open = line;
      }
      lastContent = line;
    }
    const next = text.indexOf('\n', start);
    if (next === -1) break;
    start = next + 1;
  }
  if (open !== undefined && lastContent > open) ranges.push({ startLine: open, endLine: lastContent });
  for (const step of workflow.steps) {
    add(step.span);
    for (const part of [step.environment, step.volumes, step.dependsOn, step.command, step.resources]) {
      if (part) add({ start: part.keySpan.start, end: part.span.end });
    }
  }
  const config = workflow.containerConfig;
  for (const part of [config?.environment, config?.volumes, config?.resources])
    if (part) add({ start: part.keySpan.start, end: part.span.end });
  for (const input of workflow.inputs ?? []) add(input.span);
  for (const output of workflow.outputs) add(output.span);
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
