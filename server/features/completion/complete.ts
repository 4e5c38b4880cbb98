import type { CompletionItem } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../../documents/analyzed-document.js';
import { cursorContext, ITEM } from '../cursor/cursor-context.js';
import { lineStartAt } from '../cursor/yaml-lines.js';
import { completeDependencies } from './complete-dependencies.js';
import { completeInterpolation, openInterpolation } from './complete-interpolation.js';
import { completeKeys } from './complete-keys.js';
import { completeValues } from './complete-values.js';

/** Completion at `offset`: the cursor's context (read from the text) decides which kind of items to offer. */
export function complete(document: AnalyzedDocument, offset: number): CompletionItem[] {
  const text = document.source.text;
  const context = cursorContext(text, offset);
  const interpolation = openInterpolation(text, lineStartAt(text, offset), offset);
  if (interpolation) return completeInterpolation(document, context, interpolation, offset);
  const path = context.path;
  const inDependsOn = path.length >= 3 && path[0] === 'steps' && path[1] === ITEM && path[2] === 'depends_on';
  if (
    inDependsOn &&
    (path.length === 3 ? context.kind !== 'key' : path.length === 4 && context.kind === 'item')
  ) {
    return completeDependencies(document, context);
  }
  if (context.kind === 'value' || context.kind === 'flow-item') return completeValues(document, context);
  return completeKeys(document, context);
}
