import { ExportError } from './export-errors.js';

/**
 * Argo's naming rules (workflow/validate/validate.go; its JSON schema does not carry them): template and task
 * names are letters, digits and `-`, start with a letter or digit, at most 128 characters; with `depends` a task
 * name may not start with a digit. Parameter names also allow `_`.
 */
export const TEMPLATE_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
export const MAX_TEMPLATE_NAME = 128;
export const PARAMETER_NAME = /^[-a-zA-Z0-9_]+$/;
/** Kubernetes object names (RFC 1123 subdomain) and labels-style names (RFC 1123 label). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Argo keeps workflow names to 63 characters (they become pod labels). */
export const MAX_OBJECT_NAME = 63;

/**
 * Words of Argo's expression language: Argo evaluates `depends` with task names as identifiers (`-` read as
 * `_`), so a task named like one of these would break the expression.
 */
const EXPRESSION_WORDS = new Set(
  'true false nil in not and or matches contains startsWith endsWith let if else'.split(' '),
);

/**
 * The Argo task (and template) name of a step id: lowercase (they end up in pod names), `_` as `-`, and
 * `step-` in front when it would not start with a letter or would read as an expression word.
 */
export function argoTaskName(stepId: string): string {
  let name = stepId.toLowerCase().replace(/_/g, '-');
  if (!/^[a-z]/.test(name) || EXPRESSION_WORDS.has(name)) name = `step-${name}`;
  return name;
}

/**
 * Task names for all steps, refusing names that collide or are too long with one line naming the steps, so
 * the user can rename one: silently renaming would break `argo retry` habits and the UI's link to the file.
 */
export function assignTaskNames(stepIds: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const owners = new Map<string, string>();
  const problems: string[] = [];
  for (const id of stepIds) {
    const name = argoTaskName(id);
    const owner = owners.get(name);
    if (owner !== undefined) {
      problems.push(
        `steps "${owner}" and "${id}" would both be named "${name}" in Argo (names there are lowercase, ` +
          'with - for _): rename one of them',
      );
    } else if (name.length > MAX_TEMPLATE_NAME) {
      problems.push(`step "${id}": its id is longer than Argo's ${MAX_TEMPLATE_NAME}-character limit`);
    }
    owners.set(name, id);
    names.set(id, name);
  }
  if (problems.length) throw new ExportError(problems);
  return names;
}

/** Hands out names not taken yet: the base itself, else base-2, base-3… (for the exporter's own templates). */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string>) {
    for (const name of reserved) this.taken.add(name);
  }

  allocate(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}-${n}`;
    this.taken.add(name);
    return name;
  }
}

/** `text` as an RFC 1123 label of at most `maxLength` characters (lowercase, `-` for the rest), or ''. */
export function toDnsLabel(text: string, maxLength: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}
