/**
 * The Step model from the fast reader's nodes, field by field as `parseWorkflow` reads it from `yaml` nodes
 * (core/parse/parse-workflow.ts and read-nodes.ts), so both readers give equal models.
 */
import type { Located, Span } from '../model/source.js';
import type { LocatedList, LocatedMap, Resources, Step, Volume, VolumeList } from '../model/workflow.js';
import type { FastMap, FastNode, FastScalar } from './incremental-fast-step.js';

const spanOf = (node: FastNode): Span => ({ start: node.range[0], end: node.range[1] });

function scalarText(node: FastNode): string | undefined {
  if (node.kind !== 'scalar') return undefined;
  return typeof node.value === 'string' ? node.value : node.source;
}

function readString(key: FastScalar, value: FastNode): Located<string> | undefined {
  const text = scalarText(value);
  return text === undefined ? undefined : { value: text, span: spanOf(value), keySpan: spanOf(key) };
}

function readTyped<T extends number | boolean>(
  key: FastScalar,
  value: FastNode,
  type: 'number' | 'boolean',
): Located<T> | undefined {
  if (value.kind !== 'scalar' || typeof value.value !== type) return undefined;
  return { value: value.value as T, span: spanOf(value), keySpan: spanOf(key) };
}

function readList(key: FastScalar, value: FastNode): LocatedList {
  const list: LocatedList = { keySpan: spanOf(key), span: spanOf(value), flow: false, items: [] };
  if (value.kind === 'seq') {
    list.flow = value.flow;
    for (const item of value.items) {
      const text = scalarText(item);
      if (text !== undefined) list.items.push({ value: text, span: spanOf(item) });
    }
  }
  return list;
}

function readMap(key: FastScalar, value: FastNode): LocatedMap {
  const map: LocatedMap = { keySpan: spanOf(key), span: spanOf(value), entries: [] };
  if (value.kind !== 'map') return map;
  for (const pair of value.pairs) {
    const text = scalarText(pair.value);
    if (text === undefined) continue;
    map.entries.push({
      key: { value: String(pair.key.value), span: spanOf(pair.key) },
      value: { value: text, span: spanOf(pair.value) },
    });
  }
  return map;
}

function readVolumes(key: FastScalar, value: FastNode): VolumeList {
  const list: VolumeList = { keySpan: spanOf(key), span: spanOf(value), items: [] };
  if (value.kind !== 'seq') return list;
  for (const item of value.items) {
    if (item.kind !== 'map') continue;
    const volume: Volume = { span: spanOf(item) };
    for (const field of item.pairs) {
      if (field.key.value === 'source') volume.source = readString(field.key, field.value);
      else if (field.key.value === 'target') volume.target = readString(field.key, field.value);
      else if (field.key.value === 'read_only')
        volume.readOnly = readTyped<boolean>(field.key, field.value, 'boolean');
    }
    list.items.push(volume);
  }
  return list;
}

function readResources(key: FastScalar, value: FastNode): Resources {
  const resources: Resources = { keySpan: spanOf(key), span: spanOf(value) };
  if (value.kind !== 'map') return resources;
  for (const field of value.pairs) {
    if (field.key.value === 'cpu') resources.cpu = readString(field.key, field.value);
    else if (field.key.value === 'memory') resources.memory = readString(field.key, field.value);
  }
  return resources;
}

/** The Step model, key by key as `parseWorkflow`'s readStep reads it. */
export function toStep(map: FastMap): Step {
  const step: Step = { index: 0, span: spanOf(map) };
  for (const { key, value } of map.pairs) {
    switch (key.value) {
      case 'id':
        step.id = readString(key, value);
        break;
      case 'name':
        step.name = readString(key, value);
        break;
      case 'image':
        step.image = readString(key, value);
        break;
      case 'environment':
        step.environment = readMap(key, value);
        break;
      case 'volumes':
        step.volumes = readVolumes(key, value);
        break;
      case 'timeout_seconds':
        step.timeoutSeconds = readTyped<number>(key, value, 'number');
        break;
      case 'retries':
        step.retries = readTyped<number>(key, value, 'number');
        break;
      case 'retry_delay':
        step.retryDelay = readTyped<number>(key, value, 'number');
        break;
      case 'resources':
        step.resources = readResources(key, value);
        break;
      case 'command':
        step.command = readList(key, value);
        break;
      case 'depends_on':
        step.dependsOn = readList(key, value);
        break;
      case 'allow_failure':
        step.allowFailure = readTyped<boolean>(key, value, 'boolean');
        break;
      case 'cache':
        step.cache = readTyped<boolean>(key, value, 'boolean');
        break;
      case 'max_age':
        step.maxAge = readString(key, value);
        break;
    }
  }
  return step;
}
