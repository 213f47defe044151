import type { ServerResponse } from 'node:http';

/** Settings of the server-sent event streams. */
export interface DashboardStreamSettings {
  /** Streams open at once; one more gets 503. */
  readonly maxClients: number;
  /** Least time between two updates. */
  readonly intervalMs: number;
  /** Bytes a client may leave unread before it is dropped. */
  readonly maxBufferedBytes: number;
}

/** A comment line every so often, so proxies keep the stream open and dead peers are noticed. */
const HEARTBEAT_MS = 15_000;

/** One SSE message. */
export function sseMessage(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The open streams. Updates are built once per interval, whatever the event rate, and only
 * while someone listens. A client whose unread output passes `maxBufferedBytes` is dropped: its
 * socket is destroyed, nothing more is buffered for it.
 */
export class DashboardStreams {
  private readonly clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | undefined;
  private lastWrite = 0;

  constructor(
    private readonly settings: DashboardStreamSettings,
    /** The next `update` message, or `undefined` when nothing changed. */
    private readonly nextUpdate: () => string | undefined,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /**
   * Starts a stream on `response` with `first` as its first message; returns false (and sends
   * nothing) when `maxClients` streams are already open.
   */
  open(response: ServerResponse, first: string): boolean {
    if (this.clients.size >= this.settings.maxClients) return false;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    this.clients.add(response);
    response.on('close', () => this.remove(response));
    this.write(response, first);
    this.timer ??= setInterval(() => this.tick(), this.settings.intervalMs).unref();
    return true;
  }

  /** Ends every stream (module shutdown). */
  close(): void {
    // Deleting from a Set while iterating it is safe.
    for (const client of this.clients) {
      this.remove(client);
      client.end();
    }
  }

  private tick(): void {
    const message = this.nextUpdate();
    const now = Date.now();
    if (message === undefined && now - this.lastWrite < HEARTBEAT_MS) return;
    this.lastWrite = now;
    for (const client of this.clients) this.write(client, message ?? ': heartbeat\n\n');
  }

  private write(client: ServerResponse, message: string): void {
    if (client.writableLength > this.settings.maxBufferedBytes) {
      this.remove(client);
      client.destroy();
      return;
    }
    client.write(message);
  }

  private remove(client: ServerResponse): void {
    if (!this.clients.delete(client) || this.clients.size > 0) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
