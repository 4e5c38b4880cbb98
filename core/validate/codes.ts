import type { Severity } from '../model/diagnostic.js';

/** What each diagnostic code means; the codes are fixed (team brief), so editors and CI can rely on them. */
export const DIAGNOSTIC_CODES = {
  DW001: { severity: 'error', summary: 'YAML syntax error, or a file over the size limit (not read)' },
  DW002: { severity: 'error', summary: 'unknown property (not in the schema)' },
  DW003: {
    severity: 'error',
    summary: 'schema violation: wrong type, missing required property, bad pattern or range',
  },
  DW010: { severity: 'error', summary: 'two steps share the same id' },
  DW011: { severity: 'error', summary: 'depends_on names a step that does not exist' },
  DW012: { severity: 'error', summary: 'a step depends on itself' },
  DW013: { severity: 'error', summary: 'dependency cycle: the step can never start' },
  DW014: { severity: 'error', summary: 'no image, even after container_config defaults' },
  DW015: { severity: 'error', summary: 'empty command' },
  DW016: { severity: 'error', summary: 'volume without source or target' },
  DW017: { severity: 'error', summary: 'resources.cpu is not a CPU amount the engine accepts' },
  DW018: { severity: 'error', summary: 'resources.memory is not a memory amount the engine accepts' },
  DW019: { severity: 'warning', summary: 'the same step is listed twice in depends_on' },
  DW020: { severity: 'error', summary: 'malformed ${…} interpolation' },
  DW021: { severity: 'error', summary: '${steps.X…} names a step that does not exist' },
  DW022: { severity: 'error', summary: '${steps.X…} names a step that is not a (transitive) dependency' },
  DW023: { severity: 'error', summary: '${inputs.x} names an input not declared in inputs' },
  DW024: { severity: 'error', summary: 'image is not a valid image reference' },
  DW025: { severity: 'error', summary: 'volume target the engine refuses: not an absolute path, or "/"' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/**
 * Codes `# dagger-ignore` cannot hide: without a readable document, a valid shape, unique ids and an acyclic
 * graph of known steps there is nothing a run could start, so `validate`, the editor and `run` all keep them.
 * Every other error may be ignored; the run then meets it when the step starts (and fails that step).
 */
const NEVER_IGNORED: ReadonlySet<string> = new Set(['DW001', 'DW003', 'DW010', 'DW011', 'DW012', 'DW013']);

/** Whether a `# dagger-ignore` comment may suppress this code. */
export function canBeIgnored(code: string): boolean {
  return !NEVER_IGNORED.has(code);
}

/** The severity a code always has. */
export function severityOf(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CODES[code].severity;
}
