import { Module } from '@nestjs/common';
import { MAILER } from './mailer.js';
import { OutboxMailer } from './outbox.mailer.js';

/** Provides `MAILER`, backed by the in-memory development outbox. */
@Module({
  providers: [OutboxMailer, { provide: MAILER, useExisting: OutboxMailer }],
  exports: [MAILER],
})
export class MailModule {}
