/**
 * The one table of step fields: for each key the schema allows in a step (schemas/workflow.schema.json,
 * `definitions/step`), how its value is read into the Step model. Every reading of a step goes through it — the
 * whole file, one item at a time, the language server's cache — and test/unit/parse/step-fields.test.ts ties its
 * keys to the schema's, so a new key cannot exist for the CLI and not for the editor.
 */
import { isMap, isPair, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ContainerConfig, ContainerSettings, Step } from '../model/workflow.js';
import {
  readBoolean,
  readList,
  readMap,
  readNumber,
  readResources,
  readString,
  readVolumes,
  spanOf,
} from './read-nodes.js';

/** Reads one `key: value` pair into its model property. */
type FieldReader<Target> = (target: Target, pair: Pair) => void;

/** The keys a step shares with `container_config` (`definitions/containerConfig`). */
export const CONTAINER_SETTING_FIELDS = {
  image(target, pair) {
    target.image = readString(pair);
  },
  environment(target, pair) {
    target.environment = readMap(pair);
  },
  volumes(target, pair) {
    target.volumes = readVolumes(pair);
  },
  timeout_seconds(target, pair) {
    target.timeoutSeconds = readNumber(pair);
  },
  retries(target, pair) {
    target.retries = readNumber(pair);
  },
  retry_delay(target, pair) {
    target.retryDelay = readNumber(pair);
  },
  resources(target, pair) {
    target.resources = readResources(pair);
  },
} satisfies Record<string, FieldReader<ContainerSettings>>;

/** Every key of a step. */
export const STEP_FIELDS = {
  id(step, pair) {
    step.id = readString(pair);
  },
  name(step, pair) {
    step.name = readString(pair);
  },
  command(step, pair) {
    step.command = readList(pair);
  },
  depends_on(step, pair) {
    step.dependsOn = readList(pair);
  },
  allow_failure(step, pair) {
    step.allowFailure = readBoolean(pair);
  },
  ...CONTAINER_SETTING_FIELDS,
} satisfies Record<string, FieldReader<Step>>;

/** A mapping key as a field name (undefined for keys that are not plain strings). */
export function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
}

/** The pair of a mapping with this key, read from the node's data (it may come from the plain-item reader). */
export function pairOf(map: Node | null | undefined, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => isPair(pair) && keyName(pair) === key);
}

/** The Step model of one item of `steps` (at `index` in the list), key by key through {@link STEP_FIELDS}. */
export function readStep(node: YAMLMap, index: number): Step {
  const step: Step = { index, span: spanOf(node) };
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = keyName(pair);
    if (key !== undefined && Object.hasOwn(STEP_FIELDS, key))
      STEP_FIELDS[key as keyof typeof STEP_FIELDS](step, pair);
  }
  return step;
}

/** `container_config` through {@link CONTAINER_SETTING_FIELDS}. */
export function readContainerConfig(pair: Pair, node: YAMLMap): ContainerConfig {
  const config: ContainerConfig = { span: spanOf(node), keySpan: spanOf(pair.key as Node) };
  for (const item of node.items) {
    const key = keyName(item);
    if (key !== undefined && Object.hasOwn(CONTAINER_SETTING_FIELDS, key))
      CONTAINER_SETTING_FIELDS[key as keyof typeof CONTAINER_SETTING_FIELDS](config, item);
  }
  return config;
}
