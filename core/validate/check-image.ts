import { effectiveImage } from '../model/effective-step.js';
import type { ContainerConfig, Step } from '../model/workflow.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';
import { stepAnchor, stepLabel } from './step-label.js';

/**
 * DW014: a step with no image once `container_config` defaults are applied, on the step's id.
 * An `image` of the wrong type is the schema's to report (DW003), so only a missing image counts here.
 */
export function checkImage(
  step: Step,
  containerConfig: ContainerConfig | undefined,
  hasImageKey: boolean,
  text: string,
): SpanDiagnostic[] {
  if (hasImageKey && step.image === undefined) return [];
  if (effectiveImage(step, containerConfig) !== undefined) return [];
  const message = `${stepLabel(step)} has no image (set "image" on the step or in container_config)`;
  return [
    spanDiagnostic('DW014', stepAnchor(step, text), message, step.id ? { stepId: step.id.value } : undefined),
  ];
}
