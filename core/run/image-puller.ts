import { DependencyGraph } from '../graph/dependency-graph.js';
import { levels } from '../graph/plan.js';
import { resolveInterpolations } from '../interpolate/resolve-interpolations.js';
import type { PullPhase, RunEvent } from './events.js';
import { imageReferenceProblem } from '../model/image-reference.js';
import type { PreparedRun } from './prepare-run.js';
import { PullProgressCounter } from './pull-progress.js';
import { ImagePullError } from './run-errors.js';
import type { ContainerRuntime, ImagePullProgress } from './runtime.js';

/** Most images pulled at once (the engine already fetches three layers at a time within a pull). */
export const PULLS_AT_ONCE = 3;
/** Download progress reaches listeners at most this often; layer completions and retries at once. */
const PROGRESS_INTERVAL_MS = 250;

export interface ImagePullerContext {
  runtime: ContainerRuntime;
  /** The run's cancel signal: it stops every pull at once. */
  signal: AbortSignal;
  /** Image names and engine messages may hold a secret (a private tag or registry). */
  mask(text: string): string;
  emit(event: RunEvent): void;
}

interface Pull {
  image: string;
  stepIds: string[];
  phase: PullPhase | 'checking' | 'present';
  /** A step is waiting for it: it goes before every pull made ahead. */
  urgent: boolean;
  order: number;
  counter: PullProgressCounter;
  ready: Promise<void>;
  lastEmitted: number;
  /** While queued: start the pull, or give up on it. */
  start?: () => void;
  abandon?: (error: Error) => void;
}

const now = () => new Date().toISOString();

/**
 * The images a run can pull before its steps start: image -> the steps running it, the image of the earliest
 * step first. An image named after a step output is known only when that step is ready, so it is not here.
 */
export function imagesKnownAtStart(prepared: PreparedRun): Map<string, string[]> {
  const level = levels(DependencyGraph.of(prepared.workflow));
  const byLevel = [...prepared.stepIds].sort((a, b) => (level.get(a) ?? 0) - (level.get(b) ?? 0));
  const context = { env: prepared.env, inputs: prepared.inputs, stepOutputs: {} };
  const images = new Map<string, string[]>();
  for (const stepId of byLevel) {
    const written = prepared.steps.get(stepId)?.image?.value;
    if (written === undefined) continue;
    const { value, unresolved } = resolveInterpolations(written, context);
    // A bad name fails its step when it starts, with the step's other problems.
    if (unresolved.length > 0 || imageReferenceProblem(value)) continue;
    images.set(value, [...(images.get(value) ?? []), stepId]);
  }
  return images;
}
const OPEN: ReadonlySet<Pull['phase']> = new Set(['checking', 'queued', 'pulling']);

/**
 * Pulls each image a run needs once, at most PULLS_AT_ONCE at a time: those known at the start ahead of
 * time (pullAhead), any other when a step asks for it (ensure, which also lets a step's own image jump the
 * queue). Tells listeners through `imagePull` events; a failure reaches only the steps that wait for it.
 */
export class ImagePuller {
  private readonly pulls = new Map<string, Pull>();
  private readonly aborter = new AbortController();
  private active = 0;
  private created = 0;

  constructor(private readonly context: ImagePullerContext) {
    const onAbort = () => this.stop('run cancelled');
    if (context.signal.aborted) onAbort();
    else context.signal.addEventListener('abort', onAbort, { once: true });
  }

  /** Start pulling these images (image -> steps that need it, the earliest needed first). */
  pullAhead(images: ReadonlyMap<string, readonly string[]>): void {
    for (const [image, stepIds] of images) for (const stepId of stepIds) this.want(image, stepId);
  }

  /**
   * Resolves once `image` is present for `stepId` (pulled ahead, or now); rejects with ImagePullError when
   * the pull fails or the run is cancelled.
   */
  ensure(image: string, stepId: string): Promise<void> {
    const pull = this.want(image, stepId);
    if (!pull.urgent) {
      pull.urgent = true;
      this.startQueued();
    }
    return pull.ready;
  }

  /** End every pull still going or waiting (the run is over, or cancelled), each with a final event. */
  stop(reason: string): void {
    this.aborter.abort();
    for (const pull of this.pulls.values()) {
      if (!OPEN.has(pull.phase)) continue;
      const announced = pull.phase !== 'checking';
      pull.phase = 'cancelled';
      if (announced) this.emit(pull, 'cancelled', reason);
      pull.abandon?.(new ImagePullError(pull.image, 'cancelled'));
    }
  }

  private want(image: string, stepId: string): Pull {
    const known = this.pulls.get(image);
    if (known) {
      if (!known.stepIds.includes(stepId)) known.stepIds.push(stepId);
      return known;
    }
    const pull: Pull = {
      image,
      stepIds: [stepId],
      phase: 'checking',
      urgent: false,
      order: this.created++,
      counter: new PullProgressCounter(),
      ready: Promise.resolve(),
      lastEmitted: 0,
    };
    pull.ready = this.context.runtime.hasImage(image).then((present) => {
      if (this.aborter.signal.aborted) throw new ImagePullError(image, 'cancelled');
      if (present) {
        pull.phase = 'present';
        return undefined;
      }
      return this.enqueue(pull);
    });
    // Nobody may wait for a pull made ahead (its steps were skipped): its failure must not go unhandled.
    pull.ready.catch(() => undefined);
    this.pulls.set(image, pull);
    return pull;
  }

  private enqueue(pull: Pull): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      pull.phase = 'queued';
      pull.start = () => void this.pullNow(pull).then(resolve, reject);
      pull.abandon = reject;
      this.startQueued();
      if (pull.phase === 'queued') this.emit(pull, 'queued', 'Waiting for another pull to finish');
    });
  }

  /** Start queued pulls while there is room: a step's own image first, then in the order they were wanted. */
  private startQueued(): void {
    while (this.active < PULLS_AT_ONCE) {
      const next = [...this.pulls.values()]
        .filter((pull) => pull.phase === 'queued')
        .sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.order - b.order)[0];
      if (!next?.start) return;
      const start = next.start;
      next.start = undefined;
      next.abandon = undefined;
      next.phase = 'pulling';
      this.active++;
      start();
    }
  }

  private async pullNow(pull: Pull): Promise<void> {
    this.emit(pull, 'pulling', 'Pulling');
    try {
      await this.context.runtime.pullImage(
        pull.image,
        (message) => this.onMessage(pull, message),
        this.aborter.signal,
      );
      if (pull.phase !== 'pulling') throw new ImagePullError(pull.image, 'cancelled');
      pull.counter.complete();
      pull.phase = 'pulled';
      this.emit(pull, 'pulled', 'Pulled');
    } catch (error) {
      if (pull.phase === 'pulling') {
        pull.phase = 'failed';
        this.emit(pull, 'failed', error instanceof Error ? error.message : String(error));
      }
      throw error;
    } finally {
      this.active--;
      this.startQueued();
    }
  }

  private onMessage(pull: Pull, message: ImagePullProgress): void {
    if (pull.phase !== 'pulling') return;
    const changed = pull.counter.update(message);
    // Messages without a layer ("Digest: …", "Status: Downloaded newer image …") are rare and telling; the
    // layers present already are announced with the others, at the start.
    const telling =
      message.retry !== undefined || message.layer === undefined || message.status === 'Pull complete';
    if (telling || (changed && Date.now() - pull.lastEmitted >= PROGRESS_INTERVAL_MS))
      this.emit(pull, 'pulling', message.status, message);
  }

  private emit(pull: Pull, phase: PullPhase, status: string, message?: ImagePullProgress): void {
    pull.lastEmitted = Date.now();
    this.context.emit({
      type: 'imagePull',
      stepId: pull.stepIds[0] ?? '',
      stepIds: [...pull.stepIds],
      image: this.context.mask(pull.image),
      phase,
      status: this.context.mask(status),
      ...(message?.progress === undefined ? {} : { progress: message.progress }),
      pull: pull.counter.progress,
      ...(message?.retry ? { retry: message.retry } : {}),
      time: now(),
    });
  }
}
