import type { ServerResponse } from 'node:http';

/** A client that lets this much pile up unread is dropped; it can resume with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * One Server-Sent Events response: `id:`/`event:`/`data:` frames, a `: ping` comment every `keepAliveMs`
 * so proxies and clients keep an idle stream open, and a clean end.
 */
export class SseStream {
  private ended = false;
  private readonly timer: NodeJS.Timeout;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly response: ServerResponse,
    keepAliveMs: number,
  ) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    // How long an EventSource waits before it reconnects.
    response.write('retry: 2000\n\n');
    this.timer = setInterval(() => this.write(': ping\n\n'), keepAliveMs);
    response.on('close', () => this.end());
  }

  /** One event; `data` is sent as one line of JSON (JSON text never holds a raw newline). */
  send(id: number, event: string, data: unknown): void {
    this.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Called once, when the stream ends for any reason (the client left, the run ended, the server closes). */
  onClose(listener: () => void): void {
    if (this.ended) listener();
    else this.closeListeners.push(listener);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    this.response.end();
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  private write(text: string): void {
    if (this.ended) return;
    this.response.write(text);
    if (this.response.writableLength > MAX_BUFFERED_BYTES) this.end();
  }
}
