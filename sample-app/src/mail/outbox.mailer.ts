import { Injectable } from '@nestjs/common';
import type { Mailer, MailMessage } from './mailer.js';

/** Messages the outbox keeps; older ones are dropped, so that a long run holds bounded memory. */
export const OUTBOX_SIZE = 1_000;

/**
 * The development mailer: keeps the latest messages in memory instead of sending them, so that
 * the demo and the tests can read them as a user reads their inbox. Nothing is logged: messages
 * hold secrets.
 */
@Injectable()
export class OutboxMailer implements Mailer {
  private readonly messages: MailMessage[] = [];

  send(message: MailMessage): void {
    this.messages.push(message);
    if (this.messages.length > OUTBOX_SIZE) this.messages.shift();
  }

  /** Every message sent to `to`, oldest first. */
  allTo(to: string): MailMessage[] {
    return this.messages.filter((message) => message.to === to);
  }

  /** The latest message sent to `to`, if any. */
  latestTo(to: string): MailMessage | undefined {
    return this.messages.findLast((message) => message.to === to);
  }
}
