/** An e-mail to send. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends e-mail. Bind `MAILER` to an SMTP or API-backed implementation in production. */
export interface Mailer {
  send(message: MailMessage): void;
}

/** Injection token of the `Mailer`. */
export const MAILER = Symbol('MAILER');
