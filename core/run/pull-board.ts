import type { PullPhase, PullProgress, PullRetry, RunEvent } from './events.js';
import { describePullProgress, formatSize } from './describe-pull.js';

/** Where the pull of one image of a run stands, as its `imagePull` events tell. */
export interface ImagePullState {
  image: string;
  stepIds: string[];
  phase: PullPhase;
  /** The engine's last message, or the reason of a failure. */
  status: string;
  pull: PullProgress;
  /** Set while the pull waits to try again after a transient failure (the status says why). */
  retry?: PullRetry;
  /** Epoch milliseconds of the first and (once it ended) the last event. */
  startedAt: number;
  endedAt?: number;
}

type ImagePullEvent = Extract<RunEvent, { type: 'imagePull' }>;

const ENDED: ReadonlySet<PullPhase> = new Set(['pulled', 'failed', 'cancelled']);

/**
 * The image pulls of one run, for summaries: one line per image when its pull ends, and a closing line once
 * no pull is left (again later, when a step whose image depends on an output pulls one more).
 */
export class PullBoard {
  private readonly images = new Map<string, ImagePullState>();
  /** The images pulled since the last closing line. */
  private batch: ImagePullState[] = [];

  /** Take an event; returns the summary lines it completes. */
  update(event: RunEvent): string[] {
    if (event.type !== 'imagePull') return [];
    const time = Date.parse(event.time);
    let state = this.images.get(event.image);
    if (!state || (state.endedAt !== undefined && !ENDED.has(event.phase))) {
      state = { ...stateOf(event), startedAt: time };
      this.images.set(event.image, state);
      this.batch.push(state);
    }
    if (state.endedAt !== undefined) return [];
    Object.assign(state, stateOf(event));
    if (!ENDED.has(event.phase)) return [];
    state.endedAt = time;
    const lines = [imageLine(state)];
    if (this.open.length === 0) lines.push(this.closingLine());
    return lines;
  }

  /** Pulls waiting or going on, in the order they began. */
  get open(): ImagePullState[] {
    return [...this.images.values()].filter((state) => state.endedAt === undefined);
  }

  /** The pulls since the last closing line (open or ended), in the order they began. */
  get current(): readonly ImagePullState[] {
    return this.batch;
  }

  private closingLine(): string {
    const ended = this.batch;
    this.batch = [];
    const count = (phase: PullPhase) => ended.filter((state) => state.phase === phase).length;
    const bytes = ended.reduce(
      (sum, state) => sum + (state.phase === 'pulled' ? (state.pull.bytesDone ?? 0) : 0),
      0,
    );
    const began = Math.min(...ended.map((state) => state.startedAt));
    const finished = Math.max(...ended.map((state) => state.endedAt ?? state.startedAt));
    const tally = [
      `${count('pulled')} pulled${bytes ? ` (${formatSize(bytes)})` : ''}`,
      ...(count('failed') ? [`${count('failed')} failed`] : []),
      ...(count('cancelled') ? [`${count('cancelled')} stopped`] : []),
    ].join(', ');
    const what = count('pulled') === ended.length ? 'images ready' : 'image pulls over';
    return `${what}: ${tally} in ${seconds(finished - began)}`;
  }
}

function stateOf(event: ImagePullEvent): Omit<ImagePullState, 'startedAt'> {
  return {
    image: event.image,
    stepIds: event.stepIds,
    phase: event.phase,
    status: event.status,
    pull: event.pull,
    retry: event.retry,
  };
}

/** `pulled busybox:1.36 for build, test: 3 layers, 40.1 MB in 3.2 s`. */
function imageLine(state: ImagePullState): string {
  const target = `${state.image} for ${state.stepIds.join(', ')}`;
  const took = seconds((state.endedAt ?? state.startedAt) - state.startedAt);
  switch (state.phase) {
    case 'pulled': {
      const { layersTotal, bytesTotal, bytesDone } = state.pull;
      const size = bytesTotal ?? bytesDone;
      const parts = [
        ...(layersTotal ? [`${layersTotal} layer${layersTotal === 1 ? '' : 's'}`] : []),
        ...(size ? [formatSize(size)] : []),
      ];
      return `pulled ${target}${parts.length ? `: ${parts.join(', ')}` : ''} in ${took}`;
    }
    case 'failed':
      return `could not pull ${target}: ${state.status}`;
    default:
      return `stopped pulling ${target} after ${took}: ${state.status}`;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * What a step's line says about the pull of its image: `pulling busybox:1.36: 2/5 layers · 12.3 of 40.1 MB`,
 * `waiting to pull …`, `pulled …`, `could not pull …: reason`.
 */
export function pullStepLine(
  state: Pick<ImagePullState, 'image' | 'phase' | 'status' | 'pull' | 'retry'>,
): string {
  switch (state.phase) {
    case 'queued':
      return `waiting to pull ${state.image}`;
    case 'pulling': {
      const progress = describePullProgress(state.pull);
      // Before the first layer is known (or while a retry waits), the engine's words say more.
      const detail = progress && !state.retry ? progress : state.status;
      return `pulling ${state.image}: ${detail}`;
    }
    case 'pulled':
      return `pulled ${state.image}`;
    case 'failed':
      return `could not pull ${state.image}: ${state.status}`;
    case 'cancelled':
      return `stopped pulling ${state.image}: ${state.status}`;
  }
}
