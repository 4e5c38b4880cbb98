import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { spanDiagnostic, type SpanDiagnostic } from '../span-diagnostic.js';
import { compiledSchema } from './compiled-schema.js';
import { keyText } from './node-at-path.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { setProperty, yamlToPlain } from './yaml-to-plain.js';

/**
 * Schema checks of everything but the items of `steps` (top-level keys, inputs, container_config, outputs).
 * Items of `steps` are checked by `checkStepSchema`, one by one. `stepItems` is their number when they were read
 * apart from `document` (whose `steps:` then holds nothing).
 */
export function checkRootSchema(document: Document, text: string, stepItems?: number): SpanDiagnostic[] {
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    const at = root?.range ? root.range[0] : 0;
    return [
      spanDiagnostic(
        'DW003',
        { start: at, end: at },
        'the file is empty: a workflow needs at least a "steps" list',
      ),
    ];
  }
  const { validateRoot } = compiledSchema();
  const plain = isMap(root) ? rootToPlain(root, document, stepItems) : yamlToPlain(root, document);
  if (validateRoot(plain)) return [];
  return schemaDiagnostics(validateRoot.errors ?? [], { document, text, node: root, path: [] });
}

/** Schema checks of one item of `steps` (its index is only used to name it when it has no id). */
export function checkStepSchema(
  node: Node | null,
  index: number,
  document: Document,
  text: string,
): SpanDiagnostic[] {
  const { validateStep } = compiledSchema();
  const plain = yamlToPlain(node, document);
  if (validateStep(plain)) return [];
  const id = plain !== null && typeof plain === 'object' ? (plain as { id?: unknown }).id : undefined;
  const stepLabel = typeof id === 'string' && id !== '' ? `step "${id}"` : undefined;
  return schemaDiagnostics(validateStep.errors ?? [], {
    document,
    text,
    node,
    path: ['steps', String(index)],
    stepLabel,
  });
}

/** The root as plain data, with each step replaced by a placeholder: the root schema accepts any item. */
function rootToPlain(root: YAMLMap, document: Document, stepItems?: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const pair of root.items) {
    const key = keyText(pair.key);
    const value =
      key !== 'steps'
        ? yamlToPlain(pair.value, document, 1)
        : stepItems !== undefined
          ? new Array<null>(stepItems).fill(null)
          : isSeq(pair.value)
            ? pair.value.items.map(() => null)
            : yamlToPlain(pair.value, document, 1);
    setProperty(object, key, value);
  }
  return object;
}
