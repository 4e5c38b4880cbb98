import type { Step, Workflow } from '../../core/model/workflow.js';
import { lineEndAt, readYamlLine } from './cursor/yaml-lines.js';

/** The step whose mapping contains `offset` (steps are in text order, so a binary search finds it). */
export function stepAtOffset(workflow: Workflow, offset: number): Step | undefined {
  const steps = workflow.steps;
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const step = steps[mid];
    if (!step) break; // never: low <= mid <= high stay inside the list
    if (offset < step.span.start) high = mid - 1;
    else if (offset > step.span.end) low = mid + 1;
    else return step;
  }
  return undefined;
}

/** The first step with this id (duplicates are a diagnostic; features follow the first, as the graph does). */
export function stepById(workflow: Workflow, id: string): Step | undefined {
  return workflow.steps.find((step) => step.id?.value === id);
}

/**
 * The `id:` of the step item whose `- ` line starts at `itemStart`, read from the text itself, so it is right
 * even while the model is from an older version.
 */
export function stepIdInText(text: string, itemStart: number): string | undefined {
  const first = readYamlLine(text, itemStart, lineEndAt(text, itemStart));
  const dash = first.dashes[0] ?? 0;
  for (let start = itemStart; start < text.length; start = lineEndAt(text, start) + 1) {
    const line = readYamlLine(text, start, lineEndAt(text, start));
    if (line.blank) continue;
    if (start !== itemStart && (line.dashes[0] ?? line.contentColumn) <= dash) return undefined;
    if (line.key === 'id' && line.contentColumn === first.contentColumn) {
      return (
        line.value
          .replace(/\s+#.*$/, '')
          .replace(/^(["'])(.*)\1$/, '$2')
          .trim() || undefined
      );
    }
  }
  return undefined;
}

/** `Name · image` for completion details and outlines. */
export function stepDetail(step: Step | undefined, defaultImage?: string): string {
  const image = step?.image?.value ?? defaultImage;
  return [step?.name?.value, image].filter((part) => part !== undefined && part !== '').join(' · ');
}
