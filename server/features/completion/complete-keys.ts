import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../../documents/analyzed-document.js';
import { hasType, resolveSchema, schemaAtPath, typesOf } from '../../schema/schema-at-path.js';
import type { CursorContext } from '../cursor/cursor-context.js';

/** Keys the schema allows in the mapping at the cursor, without those already present; descriptions as docs. */
export function completeKeys(document: AnalyzedDocument, context: CursorContext): CompletionItem[] {
  const schema = schemaAtPath(context.path);
  if (!schema?.properties) return [];
  const present = new Set(context.siblingKeys);
  const range = {
    start: document.source.positionAt(context.word.start),
    end: document.source.positionAt(context.word.end),
  };
  return Object.entries(schema.properties)
    .filter(([key]) => !present.has(key))
    .map(([key, property]) => {
      const resolved = resolveSchema(property);
      const item: CompletionItem = {
        label: key,
        kind: CompletionItemKind.Property,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${key}: $0` },
      };
      if (resolved?.description)
        item.documentation = { kind: MarkupKind.Markdown, value: resolved.description };
      const types = resolved ? typesOf(resolved) : [];
      if (types.length) item.detail = types.join(' | ');
      if (resolved && schema.required?.includes(key)) item.sortText = `0${key}`;
      else if (resolved && hasType(resolved, 'object')) item.sortText = `2${key}`;
      else item.sortText = `1${key}`;
      return item;
    });
}
