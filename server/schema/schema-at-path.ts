import { WORKFLOW_SCHEMA } from '../../core/validate/schema/compiled-schema.js';
import { ITEM } from '../features/cursor/cursor-context.js';

/** The parts of JSON Schema that hover and completion read. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  examples?: unknown[];
  default?: unknown;
  required?: string[];
  /** Values of several kinds (`cpu`: a string or a number) are written as one branch per type. */
  anyOf?: SchemaNode[];
}

const ROOT = WORKFLOW_SCHEMA as SchemaNode;

/** Follow `$ref` (local `#/definitions/…` only); the referring node's own description wins. */
export function resolveSchema(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  const target = node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], ROOT) as
    SchemaNode | undefined;
  const resolved = resolveSchema(target);
  return resolved && { ...resolved, description: node.description ?? resolved.description };
}

/** The schema of the node at `path` (keys, and `-` for sequence items), or undefined where the schema has none. */
export function schemaAtPath(path: readonly string[]): SchemaNode | undefined {
  let node = resolveSchema(ROOT);
  for (const part of path) {
    if (!node) return undefined;
    if (part === ITEM) node = resolveSchema(node.items);
    else {
      const additional =
        typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
      node = resolveSchema(node.properties?.[part] ?? additional);
    }
  }
  return node;
}

/** The JSON types a value may have here: `type`, or the types of the `anyOf` branches. */
export function typesOf(node: SchemaNode): string[] {
  if (node.type !== undefined) return Array.isArray(node.type) ? node.type : [node.type];
  return (node.anyOf ?? []).flatMap((branch) => typesOf(resolveSchema(branch) ?? {}));
}

export function hasType(node: SchemaNode, type: string): boolean {
  return typesOf(node).includes(type);
}
