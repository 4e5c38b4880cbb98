/**
 * A ContainerRuntime without an engine, for fast tests of the run session's rules (retries, timeouts, cancel) and
 * of the debug controller. Each attempt follows a script chosen by step id and attempt number: exit code, output,
 * DAGGER_OUTPUT values, how long it runs (or that it hangs until stopped). The Docker suite keeps what only a
 * real engine can show.
 */
import { appendFileSync } from 'node:fs';
import type {
  ContainerExit,
  ContainerRuntime,
  ContainerSpec,
  ContainerSummary,
  ImagePullProgress,
  OutputStream,
  RunningContainer,
} from '../../../core/run/runtime.js';
import { EngineUnreachableError, ImagePullError } from '../../../core/run/run-errors.js';
import { OUTPUT_FILE_IN_CONTAINER } from '../../../core/run/run-step.js';
import { LABEL_STEP } from '../../../core/run/sweep-orphans.js';

/** What one attempt of a step does. */
export interface FakeAttempt {
  /** Default 0. */
  exitCode?: number;
  /** Milliseconds until it exits (default 0), or 'hang': until it is stopped or killed. */
  runsFor?: number | 'hang';
  stdout?: string;
  stderr?: string;
  /** Written to its DAGGER_OUTPUT file as `key=value` lines before it exits. */
  outputs?: Record<string, string>;
  oomKilled?: boolean;
  /** A stop (SIGTERM) does nothing; only a kill ends it. */
  ignoresStop?: boolean;
  /** The engine refuses to start it, with this message. */
  startFails?: string;
}

/** A step's script: one attempt for all, or one per attempt (the last one repeats). */
export type FakeScript = FakeAttempt | FakeAttempt[];

/** One container the fake started. */
export interface FakeContainer {
  id: string;
  stepId: string;
  spec: ContainerSpec;
  startedAt: number;
  state: 'running' | 'exited' | 'removed';
  exit?: ContainerExit;
  /** How it ended: on its own, stopped or killed. */
  endedBy?: 'exit' | 'stop' | 'kill';
}

export class FakeContainerRuntime implements ContainerRuntime {
  readonly address = 'fake://engine';
  readonly containers: FakeContainer[] = [];
  readonly pulled: string[] = [];
  reachable = true;
  private readonly images = new Set<string>();
  private readonly attempts = new Map<string, number>();
  private nextId = 1;

  /** `scripts` by step id; steps without one exit 0 at once. `images` are present without a pull. */
  constructor(
    private readonly scripts: Record<string, FakeScript> = {},
    images: string[] = ['busybox'],
  ) {
    for (const image of images) this.images.add(image);
  }

  /** The containers still running. */
  get running(): FakeContainer[] {
    return this.containers.filter((container) => container.state === 'running');
  }

  /** The step ids in the order their containers started. */
  get startOrder(): string[] {
    return this.containers.map((container) => container.stepId);
  }

  ping(): Promise<void> {
    return this.reachable
      ? Promise.resolve()
      : Promise.reject(new EngineUnreachableError(this.address, 'the fake engine is down'));
  }

  hasImage(image: string): Promise<boolean> {
    return Promise.resolve(this.images.has(image));
  }

  pullImage(image: string, onProgress: (progress: ImagePullProgress) => void): Promise<void> {
    if (image.includes('missing')) return Promise.reject(new ImagePullError(image, 'not found'));
    onProgress({ status: `Pulling ${image}` });
    this.pulled.push(image);
    this.images.add(image);
    return Promise.resolve();
  }

  startContainer(
    spec: ContainerSpec,
    onOutput: (stream: OutputStream, chunk: Buffer) => void,
  ): Promise<RunningContainer> {
    const stepId = spec.labels[LABEL_STEP] ?? '?';
    const attempt = (this.attempts.get(stepId) ?? 0) + 1;
    this.attempts.set(stepId, attempt);
    const script = scriptFor(this.scripts[stepId], attempt);
    if (script.startFails) return Promise.reject(new Error(script.startFails));
    const container: FakeContainer = {
      id: `fake${this.nextId++}`,
      stepId,
      spec,
      startedAt: performance.now(),
      state: 'running',
    };
    this.containers.push(container);
    let end: (exit: ContainerExit, by: FakeContainer['endedBy']) => void = () => undefined;
    const exited = new Promise<ContainerExit>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      end = (exit, by) => {
        if (container.state !== 'running') return;
        clearTimeout(timer);
        container.state = 'exited';
        container.exit = exit;
        container.endedBy = by;
        resolve(exit);
      };
      const finish = () => {
        if (script.stdout) onOutput('stdout', Buffer.from(script.stdout));
        if (script.stderr) onOutput('stderr', Buffer.from(script.stderr));
        writeOutputs(spec, script.outputs);
        end({ exitCode: script.exitCode ?? 0, oomKilled: script.oomKilled ?? false }, 'exit');
      };
      if (script.runsFor !== 'hang') timer = setTimeout(finish, script.runsFor ?? 0);
    });
    return Promise.resolve({
      id: container.id,
      exited,
      kill: () => {
        end({ exitCode: 137, oomKilled: false }, 'kill');
        return Promise.resolve();
      },
      stop: () => {
        if (!script.ignoresStop) end({ exitCode: 143, oomKilled: false }, 'stop');
        return Promise.resolve();
      },
      remove: () => {
        end({ exitCode: 137, oomKilled: false }, 'kill');
        container.state = 'removed';
        return Promise.resolve();
      },
    });
  }

  listContainers(labels: Record<string, string>): Promise<ContainerSummary[]> {
    return Promise.resolve(
      this.containers
        .filter((container) => container.state !== 'removed' && matches(container.spec.labels, labels))
        .map((container) => ({ id: container.id, labels: container.spec.labels, state: container.state })),
    );
  }

  removeContainers(labels: Record<string, string>): Promise<number> {
    const found = this.containers.filter(
      (container) => container.state !== 'removed' && matches(container.spec.labels, labels),
    );
    for (const container of found) container.state = 'removed';
    return Promise.resolve(found.length);
  }
}

function scriptFor(script: FakeScript | undefined, attempt: number): FakeAttempt {
  if (!Array.isArray(script)) return script ?? {};
  return script[Math.min(attempt, script.length) - 1] ?? {};
}

function matches(labels: Record<string, string>, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

function writeOutputs(spec: ContainerSpec, outputs: Record<string, string> | undefined): void {
  const file = spec.mounts.find((mount) => mount.target === OUTPUT_FILE_IN_CONTAINER)?.source;
  if (!file || !outputs) return;
  for (const [key, value] of Object.entries(outputs)) appendFileSync(file, `${key}=${value}\n`);
}
