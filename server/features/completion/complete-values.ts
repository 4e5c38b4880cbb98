import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../../documents/analyzed-document.js';
import { hasType, schemaAtPath } from '../../schema/schema-at-path.js';
import type { CursorContext } from '../cursor/cursor-context.js';

/** Values for `key: |`: the schema's enum (or true/false), and for `image` the images the file already uses. */
export function completeValues(document: AnalyzedDocument, context: CursorContext): CompletionItem[] {
  const schema = schemaAtPath(context.path);
  const range = {
    start: document.source.positionAt(context.word.start),
    end: document.source.positionAt(context.word.end),
  };
  const values = new Map<string, string>();
  for (const value of schema?.enum ?? []) values.set(String(value), 'allowed value');
  if (schema && !schema.enum && hasType(schema, 'boolean'))
    for (const value of ['true', 'false']) values.set(value, 'boolean');
  if (context.path[context.path.length - 1] === 'image') {
    const { workflow } = document;
    for (const image of [workflow.containerConfig?.image, ...workflow.steps.map((step) => step.image)]) {
      if (image && image.value !== '' && !values.has(image.value))
        values.set(image.value, 'used in this file');
    }
    for (const example of schema?.examples ?? [])
      if (!values.has(String(example))) values.set(String(example), 'example');
  }
  return [...values].map(([value, detail], index) => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail,
    sortText: String(index).padStart(4, '0'),
    textEdit: { range, newText: value },
  }));
}
