/** Options of one demo request. */
export interface DemoRequest {
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  bearer?: string;
  /** The client address the demo pretends to have, sent as `X-Forwarded-For`. */
  ip?: string;
}

/** A response whose status was not the one the story expects. */
export class DemoStepError extends Error {
  override readonly name = 'DemoStepError';
}

/**
 * Drives the app over real HTTP and prints one line per request. The lines say what was done,
 * never with which credentials.
 */
export class DemoClient {
  constructor(
    private readonly baseUrl: string,
    private readonly out: (line: string) => void,
  ) {}

  /** Sends the request and returns the JSON body; throws `DemoStepError` on another status. */
  async call<T = Record<string, unknown>>(
    step: string,
    method: string,
    path: string,
    expectedStatus: number,
    request: DemoRequest = {},
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.bearer !== undefined) headers.authorization = `Bearer ${request.bearer}`;
    if (request.ip !== undefined) headers['x-forwarded-for'] = request.ip;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    const body: unknown = text === '' ? {} : JSON.parse(text);
    this.out(`\n▶ ${step}\n  ${method} ${path} → ${response.status}`);
    if (response.status !== expectedStatus) {
      const message = (body as { message?: unknown }).message;
      throw new DemoStepError(
        `Step "${step}": ${method} ${path} answered ${response.status}, expected ${expectedStatus}` +
          (message === undefined ? '.' : ` (${JSON.stringify(message)}).`),
      );
    }
    return body as T;
  }
}
