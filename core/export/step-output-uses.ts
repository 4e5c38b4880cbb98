/**
 * Which step outputs the workflow reads (`${steps.<id>.outputs.<key>}` in later steps and workflow outputs), and
 * which of them are workflow outputs as they are. Only these are split out of `$DAGGER_OUTPUT` on the cluster:
 * a step whose outputs nobody reads runs without the splitter.
 */
export class StepOutputUses {
  private readonly keys = new Map<string, Set<string>>();
  private readonly globals = new Map<string, { key: string; outputName: string }[]>();

  /** Record that `key` of step `stepId` is read. */
  use(stepId: string, key: string): void {
    let keys = this.keys.get(stepId);
    if (!keys) this.keys.set(stepId, (keys = new Set()));
    keys.add(key);
  }

  /** Record that the workflow output `outputName` is exactly `key` of step `stepId`. */
  useAsWorkflowOutput(stepId: string, key: string, outputName: string): void {
    this.use(stepId, key);
    let globals = this.globals.get(stepId);
    if (!globals) this.globals.set(stepId, (globals = []));
    globals.push({ key, outputName });
  }

  /** The keys of a step that are read, in the order first used. */
  keysOf(stepId: string): string[] {
    return [...(this.keys.get(stepId) ?? [])];
  }

  /** The workflow outputs that are a key of this step. */
  workflowOutputsOf(stepId: string): readonly { key: string; outputName: string }[] {
    return this.globals.get(stepId) ?? [];
  }
}
