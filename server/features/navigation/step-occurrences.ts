import type { Located, Span } from '../../../core/model/source.js';
import type { ContainerSettings, Step, Workflow } from '../../../core/model/workflow.js';
import { stepAtOffset } from '../step-lookup.js';

/** Where a step id is written: its `id:`, a `depends_on` entry, or the id inside `${steps.<id>…}`. */
export interface StepOccurrence {
  id: string;
  kind: 'definition' | 'dependency' | 'interpolation';
  /** The id's own characters (inside any quotes). */
  span: Span;
}

const STEP_REFERENCE = /(?<!\$)\$\{steps\.([A-Za-z0-9_][A-Za-z0-9_-]*)/g;

/** Every occurrence of every step id, in text order. */
export function allStepOccurrences(workflow: Workflow): StepOccurrence[] {
  return occurrencesIn(workflow, workflow.steps, true);
}

/**
 * The occurrences in some of the steps (and, with `outsideSteps`, in container_config and outputs).
 * Hover and go-to-definition look only at the step under the cursor: a 2,000-step file stays quick.
 */
function occurrencesIn(workflow: Workflow, steps: readonly Step[], outsideSteps: boolean): StepOccurrence[] {
  const text = workflow.source.text;
  const found: StepOccurrence[] = [];
  const scan = (value: Located<unknown> | undefined) => {
    if (!value) return;
    const raw = text.slice(value.span.start, value.span.end);
    if (!raw.includes('${steps.')) return;
    for (const match of raw.matchAll(STEP_REFERENCE)) {
      const id = match[1];
      if (id === undefined) continue;
      const start = value.span.start + match.index + '${steps.'.length;
      found.push({ id, kind: 'interpolation', span: { start, end: start + id.length } });
    }
  };
  const scanSettings = (settings: ContainerSettings | undefined) => {
    scan(settings?.image);
    for (const entry of settings?.environment?.entries ?? []) scan(entry.value);
    for (const volume of settings?.volumes?.items ?? []) {
      scan(volume.source);
      scan(volume.target);
    }
  };
  if (outsideSteps) scanSettings(workflow.containerConfig);
  for (const step of steps) {
    if (step.id) found.push({ id: step.id.value, kind: 'definition', span: unquoted(text, step.id.span) });
    for (const item of step.dependsOn?.items ?? [])
      found.push({ id: item.value, kind: 'dependency', span: unquoted(text, item.span) });
    scanSettings(step);
    for (const item of step.command?.items ?? []) scan(item);
  }
  if (outsideSteps) for (const output of workflow.outputs) scan(output.value);
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** The occurrences of one id. */
export function stepOccurrences(workflow: Workflow, id: string): StepOccurrence[] {
  return allStepOccurrences(workflow).filter((occurrence) => occurrence.id === id);
}

/** The occurrence under the cursor (its end counts, so a cursor right after an id finds it). */
export function stepOccurrenceAt(workflow: Workflow, offset: number): StepOccurrence | undefined {
  const step = stepAtOffset(workflow, offset);
  return occurrencesIn(workflow, step ? [step] : [], !step).find(
    (occurrence) => occurrence.span.start <= offset && offset <= occurrence.span.end,
  );
}

function unquoted(text: string, span: Span): Span {
  const first = text[span.start];
  if ((first === '"' || first === "'") && span.end - span.start >= 2 && text[span.end - 1] === first) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return span;
}
