/** Messages between the HTTP bench (parent) and the sample-app server it forks. */

/** Sent once by the server when it listens and holds a valid API token. */
export interface ServerReady {
  readonly kind: 'ready';
  readonly url: string;
  readonly headers: Record<string, string>;
}

/**
 * What the server runs during a round:
 * - `off`: no handler attached (the sample app's dashboard is detached in every state), no
 *   OpenTelemetry SDK;
 * - `logger`: the sample app's default logger alone;
 * - `sdk`: the OpenTelemetry SDK registered (discarding exporter) with its context manager in
 *   use, nothing of Sigra attached;
 * - `full`: the default logger, the Prometheus reporter with `sigraMetrics()`, and the
 *   OpenTelemetry bridge on that SDK;
 * - `hand`: that SDK and, instead of the bridge, a hand-written `tracer.startActiveSpan` around
 *   the same token check, with the attributes the bridge sets: the price of the one span itself.
 */
export type TelemetryState = 'off' | 'logger' | 'sdk' | 'full' | 'hand';

/** Sent by the parent before each round; the server answers with the same message when done. */
export interface SetTelemetry {
  readonly kind: 'telemetry';
  readonly state: TelemetryState;
}
