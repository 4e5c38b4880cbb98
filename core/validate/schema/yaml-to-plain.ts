import type { Alias, Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { keyText } from './node-at-path.js';

/**
 * No property of the schema lies deeper than this; below it only the kind of a value matters
 * (list, mapping, scalar), so deeper content is cut off. This keeps deep nesting cheap and safe.
 */
const MAX_DEPTH = 10;

// The yaml library tags each node with these registered symbols (its isMap/isSeq… read the same tag).
// One read of the tag per node, instead of one per is…() test, makes this walk about twice as fast.
const NODE_TYPE = Symbol.for('yaml.node.type');
const SCALAR = Symbol.for('yaml.scalar');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
const ALIAS = Symbol.for('yaml.alias');

type TaggedNode = { [NODE_TYPE]?: symbol };

/**
 * The plain JSON-like value of a YAML node, for ajv. Much cheaper than `doc.toJS()`: no anchors bookkeeping,
 * no reviver. Each alias is resolved and converted once per call (`aliases`), and its value shared: an
 * "alias bomb" (ten aliases of ten aliases of ten…) would otherwise be expanded into billions of nodes, and
 * `Alias.resolve` searches the whole document every time.
 */
export function yamlToPlain(
  node: unknown,
  document: Document,
  depth = 0,
  aliases = new Map<Alias, unknown>(),
): unknown {
  if (node === null || typeof node !== 'object') return null;
  const type = (node as TaggedNode)[NODE_TYPE];
  if (type === SCALAR) {
    const value = (node as Scalar).value;
    return typeof value === 'bigint' ? Number(value) : value;
  }
  if (type === MAP) {
    if (depth > MAX_DEPTH) return {};
    const object: Record<string, unknown> = {};
    for (const pair of (node as YAMLMap).items) {
      setProperty(object, keyText(pair.key), yamlToPlain(pair.value, document, depth + 1, aliases));
    }
    return object;
  }
  if (type === SEQ) {
    if (depth > MAX_DEPTH) return [];
    const items = (node as YAMLSeq).items;
    const array = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) array[i] = yamlToPlain(items[i], document, depth + 1, aliases);
    return array;
  }
  // An alias counts as one more level, so a self-referencing anchor cannot loop forever.
  if (type === ALIAS && depth <= MAX_DEPTH) {
    const alias = node as Alias;
    if (!aliases.has(alias)) {
      aliases.set(alias, null); // a self-reference met while converting resolves to null
      aliases.set(alias, yamlToPlain(alias.resolve(document), document, depth + 1, aliases));
    }
    return aliases.get(alias);
  }
  return null;
}

/** Plain objects stay fast for ajv; a `__proto__` key becomes an own property instead of changing the prototype. */
export function setProperty(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
