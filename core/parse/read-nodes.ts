import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Located, Span } from '../model/source.js';
import type { LocatedList, LocatedMap, Resources, Volume, VolumeList } from '../model/workflow.js';

/** The span of a node's value (without trailing comments or blank lines). */
export function spanOf(node: Node | null | undefined): Span {
  const range = node?.range;
  if (!range) return { start: 0, end: 0 };
  return { start: range[0], end: range[1] };
}

function keySpanOf(pair: Pair): Span {
  return spanOf(pair.key as Node);
}

/** Scalars that read naturally as strings (numbers and booleans in env values, ids like `1`). */
function scalarText(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return node.source ?? String(value);
  }
  return undefined;
}

export function readString(pair: Pair): Located<string> | undefined {
  const node = pair.value as Node | null;
  const value = scalarText(node);
  if (value === undefined) return undefined;
  return { value, span: spanOf(node), keySpan: keySpanOf(pair) };
}

export function readNumber(pair: Pair): Located<number> | undefined {
  const node = pair.value as Node | null;
  if (!isScalar(node) || typeof node.value !== 'number') return undefined;
  return { value: node.value, span: spanOf(node), keySpan: keySpanOf(pair) };
}

export function readBoolean(pair: Pair): Located<boolean> | undefined {
  const node = pair.value as Node | null;
  if (!isScalar(node) || typeof node.value !== 'boolean') return undefined;
  return { value: node.value, span: spanOf(node), keySpan: keySpanOf(pair) };
}

/** A sequence of scalars; a single scalar is read as a one-item list so typing `depends_on: a` still helps. */
export function readList(pair: Pair): LocatedList {
  const node = pair.value as Node | null;
  const keySpan = keySpanOf(pair);
  const list: LocatedList = {
    keySpan,
    span: node ? spanOf(node) : { start: keySpan.end, end: keySpan.end },
    flow: false,
    items: [],
  };
  if (isSeq(node)) {
    list.flow = node.flow === true;
    for (const item of node.items) {
      const value = scalarText(item as Node);
      if (value !== undefined) list.items.push({ value, span: spanOf(item as Node) });
    }
  }
  return list;
}

export function readMap(pair: Pair): LocatedMap {
  const node = pair.value as Node | null;
  const keySpan = keySpanOf(pair);
  const map: LocatedMap = {
    keySpan,
    span: node ? spanOf(node) : { start: keySpan.end, end: keySpan.end },
    entries: [],
  };
  if (!isMap(node)) return map;
  for (const entry of node.items) {
    const key = scalarText(entry.key as Node);
    if (key === undefined) continue;
    const valueNode = entry.value as Node | null;
    const value =
      scalarText(valueNode) ??
      (valueNode == null || (isScalar(valueNode) && valueNode.value === null) ? '' : undefined);
    if (value === undefined) continue;
    const keyLocated = { value: key, span: spanOf(entry.key as Node) };
    const valueSpan = valueNode
      ? spanOf(valueNode)
      : { start: keyLocated.span.end, end: keyLocated.span.end };
    map.entries.push({ key: keyLocated, value: { value, span: valueSpan } });
  }
  return map;
}

export function readVolumes(pair: Pair): VolumeList {
  const node = pair.value as Node | null;
  const keySpan = keySpanOf(pair);
  const list: VolumeList = { keySpan, span: node ? spanOf(node) : keySpan, items: [] };
  if (!isSeq(node)) return list;
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const volume: Volume = { span: spanOf(item) };
    for (const field of item.items) {
      const name = scalarText(field.key as Node);
      if (name === 'source') volume.source = readString(field);
      else if (name === 'target') volume.target = readString(field);
      else if (name === 'read_only') volume.readOnly = readBoolean(field);
    }
    list.items.push(volume);
  }
  return list;
}

export function readResources(pair: Pair): Resources {
  const node = pair.value as Node | null;
  const keySpan = keySpanOf(pair);
  const resources: Resources = { keySpan, span: node ? spanOf(node) : keySpan };
  if (!isMap(node)) return resources;
  for (const field of node.items) {
    const name = scalarText(field.key as Node);
    if (name === 'cpu') resources.cpu = readString(field);
    else if (name === 'memory') resources.memory = readString(field);
  }
  return resources;
}
