/** Messages between the soak (parent) and the sample-app server it forks. */

/** Sent once by the server when it listens, with the accounts and token the load uses. */
export interface SoakReady {
  readonly kind: 'ready';
  readonly base: string;
  readonly apiToken: string;
  readonly account: { readonly email: string; readonly password: string };
  readonly victim: string;
}

/** Asks the server for its heap after a full garbage collection. */
export interface HeapRequest {
  readonly kind: 'heap';
}

/** The server's answer to a {@link HeapRequest}. */
export interface HeapSample {
  readonly kind: 'heap';
  readonly heapUsed: number;
}
