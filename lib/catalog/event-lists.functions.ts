import type { EventName } from '../shared/telemetry.types.js';
import { EVENT_RECORDS, type EventRecord } from './event-records.data.js';

/** A fresh array of the catalog's names that pass `test`; the names themselves are frozen. */
function namesWhere(test: (record: EventRecord) => boolean): EventName[] {
  return EVENT_RECORDS.filter(test).map((record) => record.name);
}

/** The logged events of the given categories, as upstream's per-area list functions give them. */
function loggedIn(...categories: string[]): EventName[] {
  return namesWhere((record) => record.logged !== 'no' && categories.includes(record.category));
}

/** Every event name of the given categories: all three events of each span, then the signals. */
function cataloguedIn(category: string): EventName[] {
  return namesWhere((record) => record.catalogued && record.category === category);
}

/**
 * The 64 events upstream's default logger attaches to, in upstream's order. Span `start` and
 * `exception` events are absent except for the account lifecycle and the email-delivery
 * exception; no uncatalogued event is present.
 *
 * Every call returns a new array; the names in it are frozen.
 * @publicApi
 */
export function loggedEvents(): EventName[] {
  return namesWhere((record) => record.logged !== 'no');
}

/**
 * The 7 events upstream always logs at warning level, whatever the configured level: the four
 * `security` signals, `mfa.lockout`, `mfa.pending_expired` and `jwt.refresh_reuse_detected`.
 * @publicApi
 */
export function securityEvents(): EventName[] {
  return namesWhere((record) => record.logged === 'warn');
}

/**
 * The 8 MFA events upstream lists: the `stop` of `enroll`, `verify`, `disable` and
 * `backup_codes.regenerate`, then `lockout`, `pending_expired`, `trust.granted` and
 * `trust.revoked_all`.
 * @publicApi
 */
export function mfaEvents(): EventName[] {
  return loggedIn('mfa');
}

/**
 * The 7 OAuth events upstream lists: the `stop` of `authorize` and `callback`, then the
 * `link`, `unlink`, `refresh`, `register` and `login` stop signals.
 * @publicApi
 */
export function oauthEvents(): EventName[] {
  return loggedIn('oauth');
}

/**
 * The 4 API-token events upstream lists: the `stop` of `create` and `verify`, then the `revoke`
 * and `revoke_all` stop signals.
 * @publicApi
 */
export function apiTokenEvents(): EventName[] {
  return loggedIn('api_token');
}

/**
 * The 4 JWT events upstream lists: the `stop` of `generate`, `verify` and `refresh`, then
 * `refresh_reuse_detected`.
 * @publicApi
 */
export function jwtEvents(): EventName[] {
  return loggedIn('jwt');
}

/**
 * The 20 account-lifecycle events upstream lists, across the `email_change`, `password` and
 * `account` categories. Neither `email_change.cancel` nor `password.force_change` has its
 * `exception` here, `password.force_change_completed` has only `stop`, and the three `account`
 * events are bare one-shot names.
 * @publicApi
 */
export function accountEvents(): EventName[] {
  return loggedIn('email_change', 'password', 'account');
}

/** The one hook event upstream lists: `['sigra', 'hook', 'failed']`. @publicApi */
export function hookEvents(): EventName[] {
  return loggedIn('hook');
}

/**
 * The 9 authentication events: `start`, `stop` and `exception` of `login`, `logout` and
 * `register`.
 * @publicApi
 */
export function authEvents(): EventName[] {
  return cataloguedIn('auth');
}

/**
 * The 7 token events: `start`, `stop` and `exception` of `generate` and `verify`, then
 * `expired`.
 * @publicApi
 */
export function tokenEvents(): EventName[] {
  return cataloguedIn('token');
}

/**
 * The 10 session events: `start`, `stop` and `exception` of `create`, `delete` and `sudo`, then
 * the `revoke_all` stop signal.
 * @publicApi
 */
export function sessionEvents(): EventName[] {
  return cataloguedIn('session');
}

/** The 3 email events: `start`, `stop` and `exception` of `deliver`. @publicApi */
export function emailEvents(): EventName[] {
  return cataloguedIn('email');
}

/**
 * The 4 confirmation events: `start`, `stop` and `exception` of `verify`, then `sent`.
 * @publicApi
 */
export function confirmationEvents(): EventName[] {
  return cataloguedIn('confirmation');
}

/** The 2 password-reset events: `requested`, then `completed`. @publicApi */
export function resetEvents(): EventName[] {
  return cataloguedIn('reset');
}

/**
 * Every event name of the catalog (all three events of each span, and each signal), in
 * upstream's order.
 * @publicApi
 */
export function cataloguedEvents(): EventName[] {
  return namesWhere((record) => record.catalogued);
}

/**
 * The events upstream emits without listing them in its catalog, which its default logger never
 * logs: `auth.hash_upgraded`, `auth.selector_error`, `mfa.verification_complete`, `audit.log`,
 * `audit.log_safe_error`, `audit.forward.ok`, `audit.forward.error`, then all three events of the
 * `passkeys.register` and `passkeys.authenticate` spans.
 * @publicApi
 */
export function uncataloguedEvents(): EventName[] {
  return namesWhere((record) => !record.catalogued);
}

/**
 * The `stop` or `exception` event of every span, catalogued or not: the default logger watches
 * them for failed operations beyond upstream's list.
 */
export function spanEndEvents(phase: 'stop' | 'exception'): EventName[] {
  return namesWhere((record) => record.kind === 'span' && record.name.at(-1) === phase);
}
