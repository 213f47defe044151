/** Messages between the HTTP bench (parent) and the sample-app server it forks. */

/** Sent once by the server when it listens and holds a valid API token. */
export interface ServerReady {
  readonly kind: 'ready';
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** Sent by the parent before each round; the server answers with the same message when done. */
export interface SetTelemetry {
  readonly kind: 'telemetry';
  readonly on: boolean;
}
