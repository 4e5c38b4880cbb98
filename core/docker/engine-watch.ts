import { EngineLostError } from '../run/run-errors.js';
import { describeConnectionFailure, isConnectionFailure } from './connection-failure.js';

/** How the watch paces itself; the defaults are what a run uses. */
export interface EngineWatchTiming {
  /** Pause between two pings while a call is in flight. */
  heartbeatMs: number;
  /** How long one ping may take. */
  pingTimeoutMs: number;
  /** How long the engine may go without answering before it counts as lost (frozen, or its host gone). */
  silenceLimitMs: number;
}

export const ENGINE_WATCH_TIMING: EngineWatchTiming = {
  heartbeatMs: 5000,
  pingTimeoutMs: 5000,
  silenceLimitMs: 30_000,
};

/** Something that pings the engine on a fresh connection (a pooled one would hide a closed listener). */
export type EnginePing = (signal: AbortSignal) => Promise<void>;

/**
 * The one place that decides the engine is gone. Every call to the engine goes through `call`: while any is
 * in flight the engine is pinged every few seconds, and a refused or vanished socket, a broken stream that a
 * ping confirms, or a long silence makes it lost. Then every call in flight is aborted and fails with
 * EngineLostError, and so does every later one: nothing waits on a dead or frozen engine forever.
 */
export class EngineWatch {
  private lostError: EngineLostError | undefined;
  /** Set by dispose: the owner is done, every call fails at once. */
  private closed: Error | undefined;
  private readonly inFlight = new Set<AbortController>();
  private readonly streams = new Set<{ destroy(): void }>();
  /** Rejects once the engine is lost or the watch disposed: what every call races against. */
  private stopped: Promise<never> | undefined;
  private rejectStopped: ((error: Error) => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** A ping of the heartbeat is under way. */
  private beating = false;
  private lastAnswer = Date.now();

  constructor(
    private readonly address: string,
    private readonly ping: EnginePing,
    private readonly timing: EngineWatchTiming = ENGINE_WATCH_TIMING,
  ) {}

  /**
   * Make one call to the engine with an AbortSignal it must honour. Rejects with EngineLostError at once when
   * the engine is lost before or during the call (the call is aborted then), or when it fails because the
   * connection was refused or broke.
   */
  async call<T>(start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const before = this.stoppedBy();
    if (before) throw before;
    const controller = new AbortController();
    this.inFlight.add(controller);
    this.startHeartbeat();
    try {
      return await Promise.race([start(controller.signal), this.whenStopped()]);
    } catch (error) {
      const stopped = this.stoppedBy();
      if (stopped) throw stopped;
      if (isConnectionFailure(error)) throw this.declareLost(describeConnectionFailure(error));
      throw error;
    } finally {
      this.inFlight.delete(controller);
      if (this.inFlight.size === 0) this.stopHeartbeat();
    }
  }

  /** Destroy this stream (an attach or pull stream outliving its call) when the engine is lost or disposed. */
  track(stream: { destroy(): void; once(event: 'close', listener: () => void): unknown }): void {
    if (this.stoppedBy()) {
      stream.destroy();
      return;
    }
    this.streams.add(stream);
    stream.once('close', () => this.streams.delete(stream));
  }

  /**
   * A stream from the engine ended without its proper end: ask the engine (fresh connection, bounded). No
   * answer means it is gone; an answer means the connection alone broke.
   */
  async suspect(what: string): Promise<void> {
    if (this.lostError) return;
    try {
      await this.pingOnce();
    } catch (error) {
      const answer = isConnectionFailure(error) ? describeConnectionFailure(error) : 'it does not answer';
      this.declareLost(`${what}, and ${answer}`);
    }
  }

  /**
   * Throw EngineLostError when the engine is lost or refuses a fresh connection now. A container stopped by
   * an engine that is shutting down looks like any failed container; the closed socket tells them apart.
   */
  async confirmAlive(): Promise<void> {
    if (this.lostError) throw this.lostError;
    try {
      await this.pingOnce();
    } catch (error) {
      // Slow is not gone: only a refused or vanished socket decides here; the heartbeat judges silence.
      if (isConnectionFailure(error)) throw this.declareLost(describeConnectionFailure(error));
    }
  }

  /** Mark the engine lost (the first reason wins) and abort every call in flight. */
  declareLost(detail: string): EngineLostError {
    if (this.lostError) return this.lostError;
    const error = new EngineLostError(this.address, detail);
    this.lostError = error;
    this.release(error);
    return error;
  }

  /** Abort every call and stream in flight and stop pinging (the runtime's owner is done with it). */
  dispose(): void {
    if (this.lostError || this.closed) return;
    this.closed = new Error(`stopped waiting for the Docker engine at ${this.address}`);
    this.release(this.closed);
  }

  /** Why calls fail at once now: the engine is lost, or the watch was disposed. */
  private stoppedBy(): Error | undefined {
    return this.lostError ?? this.closed;
  }

  private release(reason: Error): void {
    this.stopHeartbeat();
    for (const controller of this.inFlight) controller.abort();
    for (const stream of this.streams) stream.destroy();
    this.streams.clear();
    void this.whenStopped();
    this.rejectStopped?.(reason);
  }

  private whenStopped(): Promise<never> {
    if (!this.stopped) {
      this.stopped = new Promise<never>((_, reject) => (this.rejectStopped = reject));
      this.stopped.catch(() => undefined);
    }
    return this.stopped;
  }

  private startHeartbeat(): void {
    if (this.heartbeat || this.beating || this.lostError) return;
    this.lastAnswer = Date.now();
    this.scheduleBeat();
  }

  private scheduleBeat(): void {
    // Unreferenced: the calls in flight keep the process alive, the heartbeat alone must not.
    this.heartbeat = setTimeout(() => void this.beat(), this.timing.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearTimeout(this.heartbeat);
    this.heartbeat = undefined;
  }

  private async beat(): Promise<void> {
    this.heartbeat = undefined;
    this.beating = true;
    try {
      await this.pingOnce();
      this.lastAnswer = Date.now();
    } catch (error) {
      if (isConnectionFailure(error)) this.declareLost(describeConnectionFailure(error));
      else {
        const silent = Date.now() - this.lastAnswer;
        if (silent >= this.timing.silenceLimitMs)
          this.declareLost(`it has not answered for ${Math.round(silent / 1000)} s`);
      }
    }
    this.beating = false;
    if (this.inFlight.size > 0 && !this.lostError && !this.closed) this.scheduleBeat();
  }

  /** One ping, aborted (and given up on) after the ping timeout. */
  private async pingOnce(): Promise<void> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no answer within ${this.timing.pingTimeoutMs / 1000} s`));
        controller.abort();
      }, this.timing.pingTimeoutMs);
    });
    try {
      await Promise.race([this.ping(controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
