import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import { keyText } from './node-at-path.js';

/**
 * No property of the schema lies deeper than this; below it only the kind of a value matters
 * (list, mapping, scalar), so deeper content is cut off. This keeps 5,000 nested brackets cheap and safe.
 */
const MAX_DEPTH = 10;

/**
 * The plain JSON-like value of a YAML node, for ajv. Much cheaper than `doc.toJS()`: no anchors bookkeeping,
 * no reviver.
 */
export function yamlToPlain(node: unknown, document: Document, depth = 0): unknown {
  if (isScalar(node)) return typeof node.value === 'bigint' ? Number(node.value) : node.value;
  if (depth > MAX_DEPTH) return isSeq(node) ? [] : isMap(node) ? {} : null;
  if (isMap(node)) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items)
      setProperty(object, keyText(pair.key), yamlToPlain(pair.value, document, depth + 1));
    return object;
  }
  if (isSeq(node)) return node.items.map((item) => yamlToPlain(item, document, depth + 1));
  // An alias counts as one more level, so a self-referencing anchor cannot loop forever.
  if (isAlias(node)) return yamlToPlain(node.resolve(document), document, depth + 1);
  return null;
}

/** Plain objects stay fast for ajv; a `__proto__` key becomes an own property instead of changing the prototype. */
export function setProperty(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
