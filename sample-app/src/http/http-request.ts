import type { IncomingMessage } from 'node:http';

/** The parts of an Express request the app reads, typed without depending on Express's types. */
export interface HttpRequest extends IncomingMessage {
  /** The client address, after the `trust proxy` setting. */
  ip?: string;
}
