import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IKeyValue } from '@opentelemetry/otlp-transformer/build/src/common/internal-types.js';
import type {
  IExportTraceServiceRequest,
  ISpan,
} from '@opentelemetry/otlp-transformer/build/src/trace/internal-types.js';

/** A span as received, with its ids as hex strings and its attributes as plain values. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: number;
  readonly statusCode: number;
  readonly attributes: Record<string, unknown>;
  readonly events: string[];
}

/**
 * A loopback OTLP/HTTP trace receiver, as a collector runs it: accepts `POST /v1/traces` with a
 * JSON `ExportTraceServiceRequest`, answers 200, and keeps every raw payload and decoded span.
 */
export class OtlpReceiver {
  readonly payloads: string[] = [];
  readonly spans: ReceivedSpan[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      if (!String(request.headers['content-type']).startsWith('application/json')) {
        response.writeHead(415).end();
        return;
      }
      this.payloads.push(body);
      this.spans.push(...decode(JSON.parse(body) as IExportTraceServiceRequest));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits (bounded) until `ready` holds for what arrived. */
  async waitFor(ready: (spans: readonly ReceivedSpan[]) => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!ready(this.spans)) {
      if (Date.now() > deadline) {
        throw new Error(
          `OTLP receiver: timed out; spans so far: ${this.spans.map((s) => s.name).join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function decode(request: IExportTraceServiceRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resource) =>
    (resource.scopeSpans ?? []).flatMap((scope) => (scope.spans ?? []).map(decodeSpan)),
  );
}

function decodeSpan(span: ISpan): ReceivedSpan {
  return {
    traceId: hex(span.traceId),
    spanId: hex(span.spanId),
    parentSpanId: span.parentSpanId ? hex(span.parentSpanId) : undefined,
    name: span.name,
    kind: span.kind,
    statusCode: span.status?.code ?? 0,
    attributes: Object.fromEntries(span.attributes.map((a) => [a.key, plain(a)])),
    events: span.events.map((event) => event.name),
  };
}

function hex(id: string | Uint8Array): string {
  return typeof id === 'string' ? id : Buffer.from(id).toString('hex');
}

function plain({ value }: IKeyValue): unknown {
  return value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue ?? value;
}
