import { Injectable } from '@nestjs/common';
import type { Mailer, MailMessage } from './mailer.js';

/**
 * The development mailer: keeps messages in memory instead of sending them, so that the demo and
 * the tests can read them as a user reads their inbox. Nothing is logged: messages hold secrets.
 */
@Injectable()
export class OutboxMailer implements Mailer {
  private readonly messages: MailMessage[] = [];

  send(message: MailMessage): void {
    this.messages.push(message);
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
