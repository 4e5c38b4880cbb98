import { basename } from 'node:path';
import type { RunEvent } from '../run/events.js';
import type { BeforeStepDecision, StepAboutToStart, StepEnded, StepHooks } from '../run/step-hooks.js';
import { computeCacheKey, type CacheKey } from './cache-key.js';
import { CacheStore, type CacheEntry } from './cache-store.js';
import { explainMiss } from './explain-miss.js';
import { DEFAULT_MAX_AGE_SECONDS, formatAge, parseMaxAge } from './max-age.js';
import type { ReusableRun } from './reusable-run.js';
import { stepKeysRecorder } from './step-keys-file.js';

/** The most log kept with an entry (its tail): a cache is no log archive. */
const MAX_LOG_BYTES = 1 << 20;

export interface StepCacheOptions {
  store: CacheStore;
  /** The workflow file (its name scopes "the newest entry of this step"). */
  workflowFile: string;
  /** The engine's content digest of a local image; undefined when it is not present. */
  imageDigest: (image: string) => Promise<string | undefined>;
  /** `--no-cache`: read no entry and write none. */
  noCache?: boolean;
  /** `--refresh STEP`: these steps read no entry but write a new one. */
  refresh?: readonly string[];
  /** `--rerun RUN --failed`: the earlier run whose succeeded steps are reused when their key did not change. */
  reuse?: ReusableRun;
  now?: () => Date;
}

/** What the cache decided for a step, for the run's summary. */
export type CacheVerdict =
  | { kind: 'hit'; fromRunId: string }
  | { kind: 'reused'; fromRunId: string }
  | { kind: 'miss'; reason: string }
  | { kind: 'uncacheable'; reason: string };

interface Pending {
  about: StepAboutToStart;
  key: CacheKey;
}

/**
 * The step cache as run hooks: before a `cache: true` step starts, its key is computed and a fresh entry
 * ends the step without a container (outputs restored, log replayed under "cached from run …"); a miss says
 * why; after a step succeeds its result is stored. With `reuse`, an earlier run's succeeded steps are reused
 * the same way unless their key changed since.
 */
export class StepCache {
  readonly verdicts = new Map<string, CacheVerdict>();
  /** The tail of each cached step's log, for its entry: at most about twice MAX_LOG_BYTES held at once. */
  private readonly logs = new Map<string, { chunks: string[]; length: number; cut: boolean }>();
  private readonly pending = new Map<string, Pending>();
  private secretKeyBytes: Buffer | undefined;
  private onKey: ((stepId: string, key: CacheKey) => void) | undefined;

  constructor(private readonly options: StepCacheOptions) {}

  /** Keep each step's key in this run folder as soon as it is known, so a rerun can tell what changed. */
  recordKeysIn(runDir: string): void {
    this.onKey = stepKeysRecorder(runDir);
  }

  get hooks(): StepHooks {
    return { beforeStep: (step) => this.beforeStep(step), afterStep: (step) => this.afterStep(step) };
  }

  /**
   * Collects the log (masked, as listeners get it) of each step whose entry will be stored, keeping only its last
   * MAX_LOG_BYTES: a step that prints hundreds of MB must not hold them in memory.
   */
  readonly listener = (event: RunEvent): void => {
    if (event.type === 'stepStarted') {
      if (this.pending.get(event.stepId)?.about.step.cache && !this.options.noCache)
        this.logs.set(event.stepId, { chunks: [], length: 0, cut: false });
    } else if (event.type === 'log') {
      const log = this.logs.get(event.stepId);
      if (!log) return;
      log.chunks.push(event.text);
      log.length += event.text.length;
      if (log.length > 2 * MAX_LOG_BYTES) {
        const tail = log.chunks.join('').slice(-MAX_LOG_BYTES);
        log.chunks = [tail];
        log.length = tail.length;
        log.cut = true;
      }
    }
  };

  private get workflow(): string {
    return basename(this.options.workflowFile);
  }

  private secretKey(): Buffer {
    this.secretKeyBytes ??= this.options.store.secretKey();
    return this.secretKeyBytes;
  }

  private async keyOf(about: StepAboutToStart): Promise<CacheKey> {
    const imageDigest = await this.options.imageDigest(about.spec.image).catch(() => undefined);
    return computeCacheKey({
      step: about.step,
      spec: about.spec,
      imageDigest,
      stepOutputs: about.context.stepOutputs,
      holdsSecret: (text) => about.mask(text) !== text,
      secretKey: this.secretKey(),
    });
  }

  private async beforeStep(about: StepAboutToStart): Promise<BeforeStepDecision> {
    const { stepId } = about;
    const reusable = this.options.reuse?.steps.get(stepId);
    if (!about.step.cache && !reusable) {
      if (this.onKey) this.pending.set(stepId, { about, key: await this.keyOf(about) });
      return { action: 'run' };
    }
    const key = await this.keyOf(about);
    this.pending.set(stepId, { about, key });
    if (key.cacheable) this.onKey?.(stepId, key);
    if (reusable && this.options.reuse) {
      const run = this.options.reuse;
      const before = reusable.components;
      const changed = key.cacheable && before !== undefined && explainMiss(key.components, before);
      if (reusable.problem)
        return { action: 'run', note: `not reused from run ${run.runId}: ${reusable.problem}` };
      if (!changed || !key.cacheable || key.key === reusable.key) {
        this.verdicts.set(stepId, { kind: 'reused', fromRunId: run.runId });
        return this.finishWith(reusable.outputs, reusable.log, `reused from run ${run.runId}`);
      }
      const reason = `changed since run ${run.runId} (${changed}): running it again`;
      this.verdicts.set(stepId, { kind: 'miss', reason });
      return { action: 'run', note: reason };
    }
    if (!key.cacheable) {
      this.verdicts.set(stepId, { kind: 'uncacheable', reason: key.reason });
      return { action: 'run', note: `not cached: ${key.reason}` };
    }
    if (this.options.noCache) return { action: 'run' };
    if (this.options.refresh?.includes(stepId)) {
      this.verdicts.set(stepId, { kind: 'miss', reason: 'refreshed (--refresh)' });
      return { action: 'run', note: 'cache miss: refreshed (--refresh)' };
    }
    const lookup = this.options.store.read(key.key);
    if (lookup.found) {
      const { entry } = lookup;
      const age = this.ageSeconds(entry);
      const maxAge = (about.step.maxAge && parseMaxAge(about.step.maxAge.value)) || DEFAULT_MAX_AGE_SECONDS;
      if (age <= maxAge) {
        this.verdicts.set(stepId, { kind: 'hit', fromRunId: entry.run_id });
        const header = `cached from run ${entry.run_id} (key ${key.key.slice(0, 12)}, ${formatAge(age)} ago)`;
        return this.finishWith(entry.outputs, entry.log, header);
      }
      return this.miss(stepId, `entry expired (${formatAge(age)} old, max_age ${formatAge(maxAge)})`);
    }
    const latest = this.options.store.latestComponents(this.workflow, stepId);
    return this.miss(stepId, lookup.corrupt ?? explainMiss(key.components, latest));
  }

  private miss(stepId: string, reason: string): BeforeStepDecision {
    this.verdicts.set(stepId, { kind: 'miss', reason });
    return { action: 'run', note: `cache miss: ${reason}` };
  }

  private ageSeconds(entry: CacheEntry): number {
    const now = this.options.now?.() ?? new Date();
    return Math.max(0, (now.getTime() - Date.parse(entry.created_at)) / 1000);
  }

  private finishWith(outputs: Record<string, string>, log: string, header: string): BeforeStepDecision {
    const body = log === '' || log.endsWith('\n') ? log : `${log}\n`;
    return {
      action: 'finish',
      outcome: { status: 'succeeded', exitCode: 0, attempts: 0, outputs, cached: true, reason: header },
      replayLog: `[dagger-wf] ${header}\n${body}`,
    };
  }

  private async afterStep(ended: StepEnded): Promise<void> {
    const pending = this.pending.get(ended.stepId);
    this.pending.delete(ended.stepId);
    if (!pending || ended.cached || ended.status !== 'succeeded') return;
    let { key } = pending;
    // An image pulled by this very step could not be digested before it ran.
    if (!key.cacheable && key.reason.startsWith('image ')) key = await this.keyOf(pending.about);
    if (!key.cacheable) return;
    this.onKey?.(ended.stepId, key);
    if (!pending.about.step.cache || this.options.noCache) return;
    if (Object.values(ended.outputs).some((value) => ended.mask(value) !== value)) {
      this.verdicts.set(ended.stepId, { kind: 'uncacheable', reason: 'its outputs hold a secret' });
      return;
    }
    const collected = this.logs.get(ended.stepId);
    this.logs.delete(ended.stepId);
    const log = collected?.chunks.join('') ?? '';
    const kept =
      collected?.cut || log.length > MAX_LOG_BYTES
        ? `[dagger-wf] (log truncated)\n${log.slice(-MAX_LOG_BYTES)}`
        : log;
    try {
      this.options.store.write({
        version: 1,
        key: key.key,
        workflow: this.workflow,
        step: ended.stepId,
        components: key.components,
        outputs: ended.outputs,
        log: kept,
        created_at: (this.options.now?.() ?? new Date()).toISOString(),
        run_id: pending.about.runId,
      });
    } catch {
      // A full disk or a read-only cache folder costs the next run a miss, not this run its result.
    }
  }
}
