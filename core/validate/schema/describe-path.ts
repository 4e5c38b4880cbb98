/** Where a schema error sits, in words: the thing that owns it (a step, an input…) and the field inside it. */
export interface PathDescription {
  /** `step "build"`, `container_config`, `input "token"`, `output 2`; undefined at the top level. */
  owner?: string;
  /** `timeout_seconds`, `volumes[0].source`, `command[2]`; empty when the error is about the owner itself. */
  field: string;
}

/**
 * Describe an instance path from the document root. `stepLabel` names the step when the caller knows its id.
 */
export function describePath(segments: readonly string[], stepLabel?: string): PathDescription {
  const [first, second] = segments;
  if (first === 'steps' && second !== undefined) {
    return { owner: stepLabel ?? `step ${Number(second) + 1}`, field: fieldText(segments.slice(2)) };
  }
  if (first === 'container_config') return { owner: 'container_config', field: fieldText(segments.slice(1)) };
  if (first === 'inputs' && second !== undefined)
    return { owner: `input "${second}"`, field: fieldText(segments.slice(2)) };
  if (first === 'outputs' && second !== undefined) {
    return { owner: `output ${Number(second) + 1}`, field: fieldText(segments.slice(2)) };
  }
  return { field: fieldText(segments) };
}

/** `volumes[0].source` from `['volumes', '0', 'source']`. */
function fieldText(segments: readonly string[]): string {
  let text = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}

/** A value as a user would recognise it in a message: `"5m"`, `3.5`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true/false',
  null: 'empty',
};

/** `a string, a number or true or false` from ajv's `type` parameter. */
export function describeTypes(type: unknown): string {
  const words = String(type)
    .split(',')
    .map((name) => TYPE_WORDS[name] ?? name);
  const last = words.pop() ?? ''; // split gives at least one word
  return words.length === 0 ? last : `${words.join(', ')} or ${last}`;
}
