/** The part of autocannon's API the HTTP bench and the soak use (the package ships no typings). */
declare module 'autocannon' {
  /** One step of a request sequence; each connection runs the sequence in a loop. */
  export interface AutocannonRequest {
    method?: 'GET' | 'POST' | 'DELETE';
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Adjusts the request before it is sent; `undefined` restarts the sequence. */
    setupRequest?: (
      request: AutocannonRequest,
      context: Record<string, unknown>,
    ) => AutocannonRequest | undefined;
    /** Sees each response, e.g. to keep a token in the connection's context. */
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }

  interface AutocannonOptions {
    url: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    requests?: AutocannonRequest[];
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
  }

  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }

  export interface AutocannonResult {
    requests: Histogram & { total: number };
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
  }

  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
