import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type Node } from 'yaml';

/** The YAML node an ajv instance path points at, and the key node that introduced it (if any). */
export interface PathTarget {
  node: Node | null;
  keyNode?: Node;
}

/** Split an ajv instance path (`/steps/0/resources/cpu`) into segments, undoing JSON-pointer escapes. */
export function pathSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follow path segments from `start` through maps (by key) and sequences (by index), resolving aliases. */
export function nodeAtPath(start: Node | null, segments: readonly string[], document: Document): PathTarget {
  let target: PathTarget = { node: start };
  for (const segment of segments) {
    const node = resolveAlias(target.node, document);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === segment);
      if (!pair) return target;
      target = { node: pair.value as Node | null, keyNode: pair.key as Node };
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (item === undefined) return target;
      target = { node: item };
    } else {
      return target;
    }
  }
  return target;
}

/** The key node of `key` in a mapping, for errors about a key (unknown property, bad name). */
export function keyNodeOf(map: Node | null, key: string, document: Document): Node | undefined {
  const node = resolveAlias(map, document);
  if (!isMap(node)) return undefined;
  return node.items.find((item) => keyText(item.key) === key)?.key as Node | undefined;
}

/** A mapping key as text: scalars by value (`1:` is "1"), complex keys by their YAML. */
export function keyText(key: unknown): string {
  const value: unknown = isScalar(key) ? key.value : key;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return isNode(value) ? value.toString() : '';
}

function resolveAlias(node: Node | null, document: Document): Node | null {
  return isAlias(node) ? ((node.resolve(document) as Node | undefined) ?? null) : node;
}
