import { describe, expect, it } from 'vitest';
import {
  accountEvents,
  apiTokenEvents,
  authEvents,
  cataloguedEvents,
  confirmationEvents,
  emailEvents,
  hookEvents,
  jwtEvents,
  loggedEvents,
  mfaEvents,
  oauthEvents,
  resetEvents,
  securityEvents,
  sessionEvents,
  tokenEvents,
  uncataloguedEvents,
} from '../../lib/catalog/index.js';

/** Expected names are written dotted for reading; no segment contains a dot. */
const names = (...dotted: string[]): string[][] => dotted.map((name) => name.split('.'));

const MFA = names(
  'sigra.mfa.enroll.stop',
  'sigra.mfa.verify.stop',
  'sigra.mfa.disable.stop',
  'sigra.mfa.backup_codes.regenerate.stop',
  'sigra.mfa.lockout',
  'sigra.mfa.pending_expired',
  'sigra.mfa.trust.granted',
  'sigra.mfa.trust.revoked_all',
);

const OAUTH = names(
  'sigra.oauth.authorize.stop',
  'sigra.oauth.callback.stop',
  'sigra.oauth.link.stop',
  'sigra.oauth.unlink.stop',
  'sigra.oauth.refresh.stop',
  'sigra.oauth.register.stop',
  'sigra.oauth.login.stop',
);

const API_TOKEN = names(
  'sigra.api_token.create.stop',
  'sigra.api_token.verify.stop',
  'sigra.api_token.revoke.stop',
  'sigra.api_token.revoke_all.stop',
);

const JWT = names(
  'sigra.jwt.generate.stop',
  'sigra.jwt.verify.stop',
  'sigra.jwt.refresh.stop',
  'sigra.jwt.refresh_reuse_detected',
);

const ACCOUNT = names(
  'sigra.email_change.request.start',
  'sigra.email_change.request.stop',
  'sigra.email_change.request.exception',
  'sigra.email_change.confirm.start',
  'sigra.email_change.confirm.stop',
  'sigra.email_change.confirm.exception',
  'sigra.email_change.cancel.start',
  'sigra.email_change.cancel.stop',
  'sigra.password.change.start',
  'sigra.password.change.stop',
  'sigra.password.change.exception',
  'sigra.password.set.start',
  'sigra.password.set.stop',
  'sigra.password.set.exception',
  'sigra.password.force_change.start',
  'sigra.password.force_change.stop',
  'sigra.password.force_change_completed.stop',
  'sigra.account.deletion_scheduled',
  'sigra.account.deletion_cancelled',
  'sigra.account.deleted',
);

const HOOK = names('sigra.hook.failed');

const LOGGED = [
  ...names(
    'sigra.auth.login.stop',
    'sigra.auth.logout.stop',
    'sigra.auth.register.stop',
    'sigra.token.generate.stop',
    'sigra.token.verify.stop',
    'sigra.session.create.stop',
    'sigra.session.delete.stop',
    'sigra.session.sudo.stop',
    'sigra.session.revoke_all.stop',
    'sigra.security.rate_limited',
    'sigra.security.lockout',
    'sigra.security.suspicious_login',
    'sigra.security.invalid_credentials',
  ),
  ...OAUTH,
  ...MFA,
  ...names(
    'sigra.email.deliver.stop',
    'sigra.email.deliver.exception',
    'sigra.confirmation.verify.stop',
    'sigra.confirmation.sent',
    'sigra.reset.requested',
    'sigra.reset.completed',
    'sigra.token.expired',
  ),
  ...API_TOKEN,
  ...JWT,
  ...ACCOUNT,
  ...HOOK,
];

const SECURITY = names(
  'sigra.security.rate_limited',
  'sigra.security.lockout',
  'sigra.security.suspicious_login',
  'sigra.security.invalid_credentials',
  'sigra.mfa.lockout',
  'sigra.mfa.pending_expired',
  'sigra.jwt.refresh_reuse_detected',
);

const spanEvents = (...prefixes: string[]): string[][] =>
  prefixes.flatMap((prefix) => names(`${prefix}.start`, `${prefix}.stop`, `${prefix}.exception`));

const AUTH = spanEvents('sigra.auth.login', 'sigra.auth.logout', 'sigra.auth.register');
const TOKEN = [
  ...spanEvents('sigra.token.generate', 'sigra.token.verify'),
  ...names('sigra.token.expired'),
];
const SESSION = [
  ...spanEvents('sigra.session.create', 'sigra.session.delete', 'sigra.session.sudo'),
  ...names('sigra.session.revoke_all.stop'),
];
const EMAIL = spanEvents('sigra.email.deliver');
const CONFIRMATION = [
  ...spanEvents('sigra.confirmation.verify'),
  ...names('sigra.confirmation.sent'),
];
const RESET = names('sigra.reset.requested', 'sigra.reset.completed');

const UNCATALOGUED = [
  ...names(
    'sigra.auth.hash_upgraded',
    'sigra.auth.selector_error',
    'sigra.mfa.verification_complete',
    'sigra.audit.log',
    'sigra.audit.log_safe_error',
    'sigra.audit.forward.ok',
    'sigra.audit.forward.error',
  ),
  ...spanEvents('sigra.passkeys.register', 'sigra.passkeys.authenticate'),
];

const LISTS = [
  { list: mfaEvents, expected: MFA, count: 8 },
  { list: oauthEvents, expected: OAUTH, count: 7 },
  { list: apiTokenEvents, expected: API_TOKEN, count: 4 },
  { list: jwtEvents, expected: JWT, count: 4 },
  { list: accountEvents, expected: ACCOUNT, count: 20 },
  { list: hookEvents, expected: HOOK, count: 1 },
  { list: loggedEvents, expected: LOGGED, count: 64 },
  { list: securityEvents, expected: SECURITY, count: 7 },
  { list: authEvents, expected: AUTH, count: 9 },
  { list: tokenEvents, expected: TOKEN, count: 7 },
  { list: sessionEvents, expected: SESSION, count: 10 },
  { list: emailEvents, expected: EMAIL, count: 3 },
  { list: confirmationEvents, expected: CONFIRMATION, count: 4 },
  { list: resetEvents, expected: RESET, count: 2 },
  { list: uncataloguedEvents, expected: UNCATALOGUED, count: 13 },
];

const dotted = (list: readonly (readonly string[])[]): string[] =>
  list.map((name) => name.join('.'));

describe('event lists', () => {
  it.each(LISTS)('$list.name has exactly $count names, in upstream order', (c) => {
    expect(c.list()).toEqual(c.expected);
    expect(c.list()).toHaveLength(c.count);
  });

  it('logs 64 distinct names, the security ones among them', () => {
    const logged = dotted(loggedEvents());
    expect(new Set(logged).size).toBe(64);
    for (const name of dotted(securityEvents())) expect(logged).toContain(name);
  });

  it('lists each catalogued name once, and no uncatalogued name among them', () => {
    const catalogued = dotted(cataloguedEvents());
    expect(new Set(catalogued).size).toBe(catalogued.length);
    for (const name of dotted(loggedEvents())) expect(catalogued).toContain(name);
    for (const name of dotted(uncataloguedEvents())) expect(catalogued).not.toContain(name);
  });

  it.each(LISTS)('$list.name returns a fresh array that callers cannot corrupt', (c) => {
    const first = c.list();
    expect(c.list()).not.toBe(first);
    const inner = first[0] as string[];
    expect(() => inner.push('bogus')).toThrow(TypeError);
    expect(() => (inner[0] = 'bogus')).toThrow(TypeError);
    first.pop();
    first.push(['sigra', 'bogus']);
    expect(c.list()).toEqual(c.expected);
  });
});
