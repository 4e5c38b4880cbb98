import type { EffectiveStep } from '../model/effective-step.js';
import type { Parameter, Template, VolumeMount } from './argo-types.js';
import { NameAllocator } from './argo-names.js';
import type { ExportContext } from './export-context.js';
import { OUTPUT_DIR, OUTPUT_VOLUME, SPLIT_DIR, splitterContainer } from './output-splitter.js';
import type { StepContainer } from './step-container.js';

/** Annotation on each step's pods naming the step of the workflow file (task names are sanitized). */
export const STEP_ANNOTATION = 'dagger-wf.step';
/** The name of the step's own container when the splitter runs beside it. */
export const STEP_CONTAINER = 'step';

/**
 * The template of one step. A step whose outputs nobody reads is a plain `container` template. A step whose
 * outputs are read is a `containerSet`: its own container, unchanged, then the splitter (output-splitter.ts)
 * in the same pod, and one output parameter per key read. Either way `$DAGGER_OUTPUT` is a file on an emptyDir.
 * `timeout_seconds` (else the runner's default) is the pod's deadline, per attempt as in a run; `retries` and
 * `retry_delay` are a fixed-delay `retryStrategy` that retries any failure, timeouts included.
 */
export function stepTemplate(
  step: EffectiveStep,
  translated: StepContainer,
  context: ExportContext,
  outputImage: string,
): Template {
  const outputMount: VolumeMount = { name: OUTPUT_VOLUME, mountPath: OUTPUT_DIR };
  const keys = context.uses.keysOf(step.id);
  const template: Template = {
    name: translated.task,
    metadata: { annotations: { [STEP_ANNOTATION]: step.id } },
  };
  if (translated.inputs.length) template.inputs = { parameters: translated.inputs };
  if (keys.length === 0) {
    const { container } = translated;
    template.container = { ...container, volumeMounts: [...(container.volumeMounts ?? []), outputMount] };
  } else {
    template.containerSet = {
      volumeMounts: [outputMount],
      containers: [
        { name: STEP_CONTAINER, ...translated.container },
        splitterContainer(STEP_CONTAINER, outputImage, keys),
      ],
    };
    template.outputs = { parameters: outputParameters(step.id, keys, context) };
  }
  template.activeDeadlineSeconds = String(step.timeoutSeconds ?? context.defaultTimeoutSeconds);
  if (step.retries > 0) {
    const delay = backoffDuration(step.retryDelay);
    template.retryStrategy = {
      limit: String(step.retries),
      retryPolicy: 'Always',
      ...(delay ? { backoff: { duration: delay } } : {}),
    };
  }
  return template;
}

/** `retry_delay` (seconds, fractions allowed) as a Go duration Argo reads: "5s", or "1500ms"; none for 0. */
function backoffDuration(seconds: number): string | undefined {
  const milliseconds = Math.round(seconds * 1000);
  if (milliseconds <= 0) return undefined;
  return milliseconds % 1000 === 0 ? `${milliseconds / 1000}s` : `${milliseconds}ms`;
}

/** One parameter per key read, from its file; workflow outputs that are a key as it is carry `globalName`. */
function outputParameters(stepId: string, keys: readonly string[], context: ExportContext): Parameter[] {
  const parameters: Parameter[] = keys.map((key) => ({
    name: key,
    valueFrom: { path: `${SPLIT_DIR}/${key}` },
  }));
  const names = new NameAllocator(keys);
  for (const { key, outputName } of context.uses.workflowOutputsOf(stepId)) {
    const free = parameters.find((parameter) => parameter.name === key && !parameter.globalName);
    if (free) free.globalName = outputName;
    else
      parameters.push({
        name: names.allocate(key),
        globalName: outputName,
        valueFrom: { path: `${SPLIT_DIR}/${key}` },
      });
  }
  return parameters;
}
