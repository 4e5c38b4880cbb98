import type { SplitContext } from './argo-text.js';
import type { StepOutputUses } from './step-output-uses.js';
import type { VolumeMapper } from './volume-mapping.js';

/** What every part of one export shares: the resolved host variables, names, and what has been used so far. */
export interface ExportContext extends SplitContext {
  /** Step id -> Argo task (and template) name. */
  taskNames: ReadonlyMap<string, string>;
  /** The Kubernetes Secret that holds the secret inputs, one key per input. */
  secretName: string;
  uses: StepOutputUses;
  volumes: VolumeMapper;
  /** Timeout of a step that sets none, as the runner's default. */
  defaultTimeoutSeconds: number;
  /** Inputs the manifest reads as workflow parameters, in the order first read. */
  inputsUsed: Set<string>;
  /** Secret inputs the manifest reads from the Secret. */
  secretsUsed: Set<string>;
  /** The user's mistakes found so far (thrown together as one ExportError). */
  problems: string[];
}

/** The Argo task name of a step (every step has one: the names are assigned before anything else). */
export function taskOf(context: ExportContext, stepId: string): string {
  return context.taskNames.get(stepId) ?? stepId;
}
