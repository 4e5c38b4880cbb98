import { formatBytes } from './format-bytes.js';

/**
 * How much a step may write to `$DAGGER_OUTPUT`, and all the steps of a run together (GitHub Actions allows
 * 1 MB per job and 50 MB per workflow run). Outputs are held in memory, passed to later steps and written to
 * the run record, so they are for values, not for files: a build artefact belongs in a volume.
 */
export const MAX_STEP_OUTPUT_BYTES = 1024 * 1024;
export const MAX_RUN_OUTPUT_BYTES = 50 * 1024 * 1024;

/** Why a step's output file is refused, when it is over the per-step limit. */
export function stepOutputTooLarge(size: number): string {
  return `DAGGER_OUTPUT holds ${formatBytes(size)}; a step may write at most ${formatBytes(MAX_STEP_OUTPUT_BYTES)} of outputs (put larger data in a volume)`;
}

/** The outputs of a run so far, against MAX_RUN_OUTPUT_BYTES. */
export class RunOutputBudget {
  private used = 0;

  constructor(private readonly limit = MAX_RUN_OUTPUT_BYTES) {}

  /** Count a succeeded step's outputs; returns why they do not fit (and counts nothing) when they do not. */
  admit(outputs: Record<string, string>): string | undefined {
    const size = Object.entries(outputs).reduce(
      (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value),
      0,
    );
    if (this.used + size > this.limit)
      return `the outputs of this run would pass ${formatBytes(this.limit)} (this step's: ${formatBytes(size)}, earlier steps': ${formatBytes(this.used)})`;
    this.used += size;
    return undefined;
  }
}
