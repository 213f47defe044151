import { get, type IncomingMessage } from 'node:http';

/** One server-sent event. */
export interface SseMessage {
  event: string;
  data: unknown;
}

/** A stream opened with Node's HTTP client; it records every message and waits on conditions. */
export interface SseClient {
  readonly status: number;
  readonly messages: SseMessage[];
  /** Resolves once `test` holds for the messages so far; rejects after `timeoutMs`. */
  until(test: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

function parse(block: string): SseMessage | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  return data.length === 0 ? undefined : { event, data: JSON.parse(data.join('\n')) };
}

/** Opens `url` as an event stream; resolves once the response head arrived. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { accept: 'text/event-stream', ...headers } });
    request.on('error', reject);
    request.on('response', (response: IncomingMessage) => {
      const messages: SseMessage[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (message !== undefined) messages.push(message);
        }
        for (const waiter of waiters) waiter();
      });
      const ended = new Promise<void>((done) => response.on('close', () => done()));
      resolve({
        status: response.statusCode ?? 0,
        messages,
        ended,
        until: (test, timeoutMs = 5000) =>
          new Promise((done, fail) => {
            const check = () => {
              if (!test(messages)) return;
              waiters.delete(check);
              clearTimeout(timer);
              done();
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(
                new Error(
                  `condition not met within ${timeoutMs} ms; got ${messages.length} messages`,
                ),
              );
            }, timeoutMs);
            waiters.add(check);
            check();
          }),
        close: () => request.destroy(),
      });
    });
  });
}
