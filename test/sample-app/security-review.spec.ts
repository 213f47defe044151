import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../sample-app/src/crypto/password-hash.js';
import { totp } from '../../sample-app/src/crypto/totp.js';
import { RateLimitService } from '../../sample-app/src/security/rate-limit.service.js';
import {
  LOCKOUT_DURATION_MS,
  MFA_PENDING_TTL_MS,
  SESSION_ABSOLUTE_TTL_MS,
  SESSION_IDLE_TTL_MS,
  SUDO_TTL_MS,
} from '../../sample-app/src/security/security.constants.js';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../../sample-app/src/users/users.repository.js';
import {
  enterSudo,
  logIn,
  registerUser,
  startSampleApp,
  type SampleApp,
  type SampleAppOptions,
} from './support/sample-app.js';

const EMAIL = 'margaret@example.com';
const UNKNOWN = 'nobody@example.com';
const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'the brand new passphrase';
const IP = '203.0.113.50';
const ATTACKER_IP = '198.51.100.66';
const MINUTE = 60_000;

// Each login, registration and password confirmation costs a real scrypt hash (~0.2 s).
vi.setConfig({ testTimeout: 60_000 });

let sample: SampleApp;
beforeEach(async () => {
  sample = await startSampleApp();
});
afterEach(() => sample.close());

/** Replaces the app with one booted with `options`. */
async function restart(options: SampleAppOptions) {
  await sample.close();
  sample = await startSampleApp(undefined, options);
}

const login = (email: string, password: string, ip = IP) =>
  sample.http().post('/auth/login').set('X-Forwarded-For', ip).send({ email, password });

const post = (path: string, auth: string, body: object = {}, ip = IP) =>
  sample.http().post(path).set('Authorization', auth).set('X-Forwarded-For', ip).send(body);

const get = (path: string, auth: string) => sample.http().get(path).set('Authorization', auth);

/** The events of that name. */
const named = (name: string) => sample.capture.events.filter((event) => event.name === name);

/** Registers and logs in the test user from `IP`. */
async function signedIn() {
  const userId = await registerUser(sample, EMAIL, PASSWORD);
  const auth = `Bearer ${await logIn(sample, EMAIL, PASSWORD, IP)}`;
  return { userId, auth };
}

/** Signed in with MFA on (enrolled and confirmed, in sudo mode); returns the secret too. */
async function withMfa() {
  const session = await signedIn();
  await enterSudo(sample, session.auth, PASSWORD, IP);
  const enrol = await post('/mfa/enroll', session.auth).expect(201);
  const secret = enrol.body.secret as string;
  await post('/mfa/verify', session.auth, { code: totp(secret, sample.clock.now()) }).expect(200);
  return { ...session, secret };
}

/** A 6-digit code that is not the current one. */
const wrongCode = (secret: string) =>
  String((Number(totp(secret, sample.clock.now())) + 500_000) % 1_000_000).padStart(6, '0');

/** The reset token of the latest link mailed to `email`. */
const mailedResetToken = (email = EMAIL) =>
  /#token=([\w-]+)/.exec(sample.outbox.latestTo(email)?.text ?? '')?.[1] ?? '';

async function resetPassword(email = EMAIL) {
  await sample.http().post('/password-reset/request').send({ email }).expect(202);
  await vi.waitFor(() => expect(mailedResetToken(email)).not.toBe(''));
  const token = mailedResetToken(email);
  await sample
    .http()
    .post('/password-reset/complete')
    .send({ token, password: NEW_PASSWORD })
    .expect(200);
}

describe('1. a stolen session does not give lasting access', () => {
  it('asks for the password again (sudo mode) before MFA enrolment and API tokens', async () => {
    const { userId, auth } = await signedIn();
    const refused = await post('/mfa/enroll', auth).expect(403);
    expect(refused.body.message).toMatch(/POST \/auth\/sudo/);
    await post('/api-tokens', auth, { name: 'ci' }).expect(403);

    sample.capture.clear();
    await post('/auth/sudo', auth, { password: 'not the password' }).expect(401);
    expect(sample.capture.names()).toEqual([
      'sigra.session.sudo.start',
      'sigra.security.invalid_credentials',
      'sigra.session.sudo.stop',
    ]);
    expect(named('sigra.session.sudo.stop')[0]!.metadata).toMatchObject({
      user_id: userId,
      result: 'failure',
    });
    await post('/mfa/enroll', auth).expect(403);

    sample.capture.clear();
    const granted = await post('/auth/sudo', auth, { password: PASSWORD }).expect(200);
    expect(new Date(granted.body.sudo_until).getTime()).toBe(sample.clock.now() + SUDO_TTL_MS);
    expect(named('sigra.session.sudo.stop')[0]!.metadata).toMatchObject({
      user_id: userId,
      result: 'success',
    });
    await post('/api-tokens', auth, { name: 'ci' }).expect(201);

    sample.clock.advance(SUDO_TTL_MS);
    await post('/mfa/enroll', auth).expect(403);
  });

  it('revokes API tokens on password reset, reporting api_token.revoke_all', async () => {
    const { userId, auth } = await signedIn();
    await enterSudo(sample, auth, PASSWORD, IP);
    const created = await post('/api-tokens', auth, { name: 'ci' }).expect(201);
    const bearer = `Bearer ${created.body.token}`;
    await get('/api-tokens/whoami', bearer).expect(200);

    sample.capture.clear();
    await resetPassword();
    const [revoked] = named('sigra.api_token.revoke_all.stop');
    expect(revoked?.measurements).toEqual({ count: 1 });
    expect(revoked?.metadata).toEqual({ user_id: userId });
    await get('/api-tokens/whoami', bearer).expect(401);
  });

  it('signs API tokens out too when every session is signed out', async () => {
    const { auth } = await signedIn();
    await enterSudo(sample, auth, PASSWORD, IP);
    const created = await post('/api-tokens', auth, { name: 'ci' }).expect(201);
    const response = await sample.http().delete('/auth/sessions').set('Authorization', auth);
    expect(response.body).toEqual({ revoked: 1, api_tokens_revoked: 1 });
    await get('/api-tokens/whoami', `Bearer ${created.body.token}`).expect(401);
  });

  it('hands out single-use backup codes that pass the MFA step of a login', async () => {
    const { userId, auth } = await withMfa();
    sample.capture.clear();
    const generated = await post('/mfa/backup-codes', auth).expect(201);
    const codes = generated.body.backup_codes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(sample.capture.names()).toEqual([
      'sigra.mfa.backup_codes.regenerate.start',
      'sigra.mfa.backup_codes.regenerate.stop',
    ]);
    expect(sample.capture.events[0]!.metadata).toMatchObject({ user_id: userId });

    const pending = `Bearer ${(await login(EMAIL, PASSWORD).expect(200)).body.session_token}`;
    sample.capture.clear();
    const passed = await post('/mfa/verify', pending, { code: codes[0] }).expect(200);
    expect(named('sigra.mfa.verify.start')[0]!.metadata).toMatchObject({
      user_id: userId,
      method: 'backup_code',
    });
    expect(passed.body.backup_codes_left).toBe(9);

    const again = `Bearer ${(await login(EMAIL, PASSWORD).expect(200)).body.session_token}`;
    await post('/mfa/verify', again, { code: codes[0] }).expect(401);

    await post('/mfa/backup-codes', auth).expect(201);
    await post('/mfa/verify', again, { code: codes[1] }).expect(401);
  });

  it('refuses backup codes without MFA', async () => {
    const { auth } = await signedIn();
    await enterSudo(sample, auth, PASSWORD, IP);
    const refused = await post('/mfa/backup-codes', auth).expect(400);
    expect(refused.body.message).toMatch(/MFA is not enabled/);
  });

  it('disables MFA in sudo mode, spanned as mfa.disable', async () => {
    const { userId, auth } = await withMfa();
    sample.clock.advance(SUDO_TTL_MS);
    await post('/mfa/disable', auth).expect(403);
    await enterSudo(sample, auth, PASSWORD, IP);
    sample.capture.clear();
    await post('/mfa/disable', auth).expect(204);
    expect(sample.capture.names()).toEqual(['sigra.mfa.disable.start', 'sigra.mfa.disable.stop']);
    expect(named('sigra.mfa.disable.stop')[0]!.metadata).toMatchObject({
      user_id: userId,
      admin: false,
    });
    expect((await login(EMAIL, PASSWORD).expect(200)).body.mfa_required).toBe(false);
    await post('/mfa/disable', auth).expect(400);
  });
});

describe('2 and 16. lockout tells nothing about which addresses are registered', () => {
  it('answers a known and an unknown address alike, and records attempts on a lock', async () => {
    await registerUser(sample, EMAIL, PASSWORD);
    const answers = async (email: string) => {
      const seen = [];
      for (let i = 0; i < 7; i++) {
        const response = await login(email, 'wrong password');
        seen.push({ status: response.status, body: response.body });
      }
      return seen;
    };
    const known = await answers(EMAIL);
    expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(await answers(UNKNOWN)).toEqual(known);

    sample.capture.clear();
    const locked = await login(EMAIL, PASSWORD).expect(423);
    expect(locked.headers['retry-after']).toBe(String(LOCKOUT_DURATION_MS / 1000));
    expect(sample.capture.names()).toEqual([
      'sigra.auth.login.start',
      'sigra.security.rate_limited',
      'sigra.auth.login.stop',
    ]);
    expect(named('sigra.security.rate_limited')[0]!.metadata).toEqual({
      ip: IP,
      key_prefix: 'login_account',
      retry_after: LOCKOUT_DURATION_MS / 1000,
    });
    expect(named('sigra.auth.login.stop')[0]!.metadata).toMatchObject({
      user_id: 1,
      result: 'failure',
    });
  });
});

describe('3. lockout is not a denial of service', () => {
  it('locks the guessing address only: the owner still logs in from elsewhere', async () => {
    const userId = await registerUser(sample, EMAIL, PASSWORD);
    for (let i = 0; i < 5; i++) await login(EMAIL, 'wrong password', ATTACKER_IP);
    expect(named('sigra.security.lockout').map((event) => event.metadata)).toEqual([
      { user_id: userId, ip: ATTACKER_IP, reason: 'threshold_reached' },
    ]);
    await login(EMAIL, PASSWORD, ATTACKER_IP).expect(423);
    await login(EMAIL, PASSWORD, IP).expect(200);
  });
});

describe('4. register tells nothing about which addresses are registered', () => {
  it('answers a taken address as a new one and tells the owner by mail', async () => {
    const first = await sample
      .http()
      .post('/auth/register')
      .send({ email: EMAIL, password: PASSWORD })
      .expect(201);
    sample.capture.clear();
    const second = await sample
      .http()
      .post('/auth/register')
      .send({ email: EMAIL.toUpperCase(), password: 'another long password' })
      .expect(201);
    expect(second.body).toEqual(first.body);
    expect(first.body).not.toHaveProperty('id');
    expect(sample.outbox.allTo(EMAIL).map((mail) => mail.subject)).toEqual([
      'Welcome',
      'Someone tried to register with your address',
    ]);
    expect(named('sigra.auth.register.stop')[0]!.metadata).toMatchObject({
      user_id: 1,
      result: 'failure',
    });
    await login(EMAIL, 'another long password').expect(401);
  });
});

describe('5. sessions and API tokens expire', () => {
  it('ends a standard session after 30 idle minutes and after 12 hours in any case', async () => {
    const { auth } = await signedIn();
    sample.clock.advance(SESSION_IDLE_TTL_MS - 1);
    await get('/auth/sessions', auth).expect(200);
    sample.clock.advance(SESSION_IDLE_TTL_MS - 1);
    await get('/auth/sessions', auth).expect(200);
    sample.clock.advance(SESSION_IDLE_TTL_MS);
    await get('/auth/sessions', auth).expect(401);

    const busy = `Bearer ${await logIn(sample, EMAIL, PASSWORD, IP)}`;
    for (let used = 0; used < SESSION_ABSOLUTE_TTL_MS - 20 * MINUTE; used += 20 * MINUTE) {
      sample.clock.advance(20 * MINUTE);
      await get('/auth/sessions', busy).expect(200);
    }
    sample.clock.advance(20 * MINUTE);
    await get('/auth/sessions', busy).expect(401);
  });

  it('expires an MFA-pending session in minutes, reporting mfa.pending_expired', async () => {
    const { userId, secret } = await withMfa();
    const pending = `Bearer ${(await login(EMAIL, PASSWORD).expect(200)).body.session_token}`;
    sample.clock.advance(MFA_PENDING_TTL_MS);
    sample.capture.clear();
    const code = totp(secret, sample.clock.now() + 30_000);
    await post('/mfa/verify', pending, { code }).expect(401);
    expect(sample.capture.names()).toEqual(['sigra.mfa.pending_expired']);
    expect(sample.capture.events[0]!.metadata).toEqual({ user_id: userId, ip: IP });
  });

  it('lets an MFA-pending session log out', async () => {
    await withMfa();
    const pending = `Bearer ${(await login(EMAIL, PASSWORD).expect(200)).body.session_token}`;
    await post('/auth/logout', pending).expect(204);
    await post('/mfa/verify', pending, { code: '123456' }).expect(401);
  });

  it('deletes the pending session on MFA lockout and tells the user', async () => {
    const { secret } = await withMfa();
    const pending = `Bearer ${(await login(EMAIL, PASSWORD).expect(200)).body.session_token}`;
    for (let i = 0; i < 4; i++) await post('/mfa/verify', pending, { code: wrongCode(secret) });
    await post('/mfa/verify', pending, { code: wrongCode(secret) }).expect(423);
    await post('/auth/logout', pending).expect(401);
    expect(sample.outbox.latestTo(EMAIL)?.subject).toBe('MFA verification locked');
  });

  it('expires an API token created with expires_in_days', async () => {
    const { auth } = await signedIn();
    await enterSudo(sample, auth, PASSWORD, IP);
    const created = await post('/api-tokens', auth, { name: 'ci', expires_in_days: 1 });
    expect(created.status).toBe(201);
    expect(new Date(created.body.expires_at).getTime()).toBe(sample.clock.now() + 24 * 60 * MINUTE);
    const bearer = `Bearer ${created.body.token}`;
    sample.clock.advance(24 * 60 * MINUTE - 1);
    await get('/api-tokens/whoami', bearer).expect(200);
    sample.clock.advance(1);
    sample.capture.clear();
    await get('/api-tokens/whoami', bearer).expect(401);
    expect(sample.capture.names()).toContain('sigra.token.expired');
  });
});

describe('6. rate limits on register, reset requests and MFA verification', () => {
  it('limits registrations per address (10 per 10 minutes)', async () => {
    for (let i = 0; i < 10; i++) {
      await registerUser(sample, `user${i}@example.com`, PASSWORD, IP);
    }
    sample.capture.clear();
    const limited = await sample
      .http()
      .post('/auth/register')
      .set('X-Forwarded-For', IP)
      .send({ email: 'one.more@example.com', password: PASSWORD })
      .expect(429);
    expect(limited.headers['retry-after']).toBe('600');
    expect(named('sigra.security.rate_limited')[0]!.metadata).toEqual({
      ip: IP,
      key_prefix: 'register',
      retry_after: 600,
    });
    await registerUser(sample, 'elsewhere@example.com', PASSWORD, ATTACKER_IP);
  });

  it('limits reset mails per address and keeps a still-valid link valid', async () => {
    await registerUser(sample, EMAIL, PASSWORD);
    const request = (ip: string) =>
      sample
        .http()
        .post('/password-reset/request')
        .set('X-Forwarded-For', ip)
        .send({ email: EMAIL })
        .expect(202);
    await request(IP);
    await vi.waitFor(() => expect(sample.outbox.allTo(EMAIL)).toHaveLength(2));
    const firstToken = mailedResetToken();
    for (let i = 0; i < 5; i++) await request(`198.51.100.${i}`);
    await vi.waitFor(() =>
      expect(named('sigra.security.rate_limited').map((event) => event.metadata)).toHaveLength(3),
    );
    expect(sample.outbox.allTo(EMAIL)).toHaveLength(4);
    expect(named('sigra.security.rate_limited')[0]!.metadata).toMatchObject({
      key_prefix: 'reset_email',
    });
    await sample
      .http()
      .post('/password-reset/complete')
      .send({ token: firstToken, password: NEW_PASSWORD })
      .expect(200);
  });

  it('limits reset requests and MFA codes per address', async () => {
    await restart({
      rateLimits: {
        reset_request: { limit: 2, windowMs: MINUTE },
        mfa_verify: { limit: 2, windowMs: MINUTE },
      },
    });
    for (let i = 0; i < 2; i++) {
      await sample.http().post('/password-reset/request').send({ email: UNKNOWN }).expect(202);
    }
    await sample.http().post('/password-reset/request').send({ email: UNKNOWN }).expect(429);

    const { auth } = await signedIn();
    for (let i = 0; i < 2; i++) await post('/mfa/verify', auth, { code: '123456' }).expect(400);
    await post('/mfa/verify', auth, { code: '123456' }).expect(429);
  });
});

describe('7. the rate limiter', () => {
  it('keys IPv6 clients by /64', async () => {
    await restart({ rateLimits: { login: { limit: 3, windowMs: MINUTE } } });
    const statuses = [];
    for (let i = 1; i <= 5; i++) {
      statuses.push((await login(UNKNOWN, PASSWORD, `2001:db8:1:2::${i.toString(16)}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    await login(UNKNOWN, PASSWORD, '2001:db8:1:3::1').expect(401);
  });

  it('believes X-Forwarded-For only from the configured proxies', async () => {
    await restart({ trustProxy: false, rateLimits: { login: { limit: 1, windowMs: MINUTE } } });
    await login(UNKNOWN, PASSWORD, '198.51.100.1').expect(401);
    await login(UNKNOWN, PASSWORD, '198.51.100.2').expect(429);
  });

  it('forgets finished windows as time passes', async () => {
    await restart({ rateLimits: { login: { limit: 3, windowMs: MINUTE } } });
    for (let i = 0; i < 20; i++) await login(UNKNOWN, PASSWORD, `198.51.100.${i}`);
    const limiter = sample.app.get(RateLimitService);
    expect(limiter.trackedKeys('login')).toBe(20);
    sample.clock.advance(MINUTE);
    await login(UNKNOWN, PASSWORD, '198.51.100.200');
    expect(limiter.trackedKeys('login')).toBe(1);
  });
});

describe('8. password hashing cost', () => {
  it("hashes with OWASP's scrypt cost and re-hashes older hashes at login", async () => {
    const userId = await registerUser(sample, EMAIL, PASSWORD);
    const users = sample.app.get<UsersRepository>(USERS_REPOSITORY);
    expect(users.findById(userId)!.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    users.update(userId, { passwordHash: await hashPassword(PASSWORD, { N: 16_384, r: 8, p: 1 }) });
    sample.capture.clear();
    await login(EMAIL, PASSWORD).expect(200);
    expect(users.findById(userId)!.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(named('sigra.auth.hash_upgraded').map((event) => event.metadata)).toEqual([
      { user_id: userId },
    ]);
    await login(EMAIL, PASSWORD).expect(200);
    expect(named('sigra.auth.hash_upgraded')).toHaveLength(1);
  });
});

describe('9. passwords', () => {
  it.each([
    ['one repeated character', 'aaaaaaaaaa'],
    ['a run of digits', '1234567890'],
    ['the e-mail address', EMAIL],
    ['the e-mail address with a suffix', 'margaret2026!'],
  ])('refuses %s', async (_, password) => {
    const response = await sample
      .http()
      .post('/auth/register')
      .send({ email: EMAIL, password })
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(/password is too easy to guess/);
  });

  it('accepts a password typed in another Unicode normal form', async () => {
    const composed = 'crème brûlée au café';
    await registerUser(sample, EMAIL, composed.normalize('NFC'));
    await login(EMAIL, composed.normalize('NFD')).expect(200);
  });
});

describe('10. e-mail addresses', () => {
  it('folds compatibility characters: the Kelvin sign cannot squat an address', async () => {
    const userId = await registerUser(sample, 'kelvin@example.com', PASSWORD);
    await sample
      .http()
      .post('/auth/register')
      .send({ email: '\u212Aelvin@example.com', password: 'another long password' })
      .expect(201);
    const response = await login('\u212Aelvin@example.com', PASSWORD).expect(200);
    expect(response.body.user_id).toBe(userId);
  });

  it('refuses addresses outside ASCII, so that no two spellings make two accounts', async () => {
    for (const form of ['NFC', 'NFD'] as const) {
      const response = await sample
        .http()
        .post('/auth/register')
        .send({ email: 'josé@example.com'.normalize(form), password: PASSWORD })
        .expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(/ASCII/);
    }
  });
});

describe('11. reset requests', () => {
  it('answers alike, then mails a known and an unknown address one message each', async () => {
    await registerUser(sample, EMAIL, PASSWORD);
    const known = await sample.http().post('/password-reset/request').send({ email: EMAIL });
    const unknown = await sample.http().post('/password-reset/request').send({ email: UNKNOWN });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    await vi.waitFor(() => {
      expect(sample.outbox.allTo(UNKNOWN).map((mail) => mail.subject)).toEqual([
        'Password reset requested',
      ]);
      expect(sample.outbox.latestTo(EMAIL)?.subject).toBe('Reset your password');
    });
  });
});

describe('12. the guessing budget tightens', () => {
  it('doubles the lock after each lock and tells the owner', async () => {
    await registerUser(sample, EMAIL, PASSWORD);
    const fail5 = async () => {
      for (let i = 0; i < 5; i++) await login(EMAIL, 'wrong password');
    };
    await fail5();
    expect(sample.outbox.latestTo(EMAIL)?.subject).toBe('Failed logins to your account');
    sample.clock.advance(LOCKOUT_DURATION_MS);
    await fail5();
    sample.clock.advance(LOCKOUT_DURATION_MS);
    await login(EMAIL, PASSWORD).expect(423);
    sample.clock.advance(LOCKOUT_DURATION_MS);
    await login(EMAIL, PASSWORD).expect(200);
  });

  it('doubles the MFA lock too', async () => {
    const { auth, secret } = await withMfa();
    const fail5 = async () => {
      for (let i = 0; i < 5; i++) await post('/mfa/verify', auth, { code: wrongCode(secret) });
    };
    await fail5();
    sample.clock.advance(LOCKOUT_DURATION_MS);
    await fail5();
    sample.clock.advance(LOCKOUT_DURATION_MS);
    await post('/mfa/verify', auth, { code: totp(secret, sample.clock.now()) }).expect(423);
  });
});

describe('13. MFA promotion', () => {
  it('issues a new session token and retires the pending one', async () => {
    const { secret } = await withMfa();
    const pendingToken = (await login(EMAIL, PASSWORD).expect(200)).body.session_token as string;
    const code = totp(secret, sample.clock.now() + 30_000);
    const promoted = await post('/mfa/verify', `Bearer ${pendingToken}`, { code }).expect(200);
    const token = promoted.body.session_token as string;
    expect(token).toMatch(/^sess_/);
    expect(token).not.toBe(pendingToken);
    await get('/auth/sessions', `Bearer ${pendingToken}`).expect(401);
    await get('/auth/sessions', `Bearer ${token}`).expect(200);
  });
});

describe('14. HTTP hardening', () => {
  it('says no-store and nosniff, and not which framework it runs', async () => {
    await registerUser(sample, EMAIL, PASSWORD);
    const response = await login(EMAIL, PASSWORD).expect(200);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const error = await login(EMAIL, 'wrong password').expect(401);
    expect(error.headers['cache-control']).toBe('no-store');
  });

  it('puts the reset token in the link fragment, never in the query string', async () => {
    await registerUser(sample, EMAIL, PASSWORD);
    await sample.http().post('/password-reset/request').send({ email: EMAIL }).expect(202);
    await vi.waitFor(() => expect(mailedResetToken()).not.toBe(''));
    expect(sample.outbox.latestTo(EMAIL)?.text).not.toMatch(/\?token=/);
  });
});

describe('15. error messages do not echo input', () => {
  it('answers malformed JSON without quoting it', async () => {
    const response = await sample
      .http()
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@example.com", "password": hunter2-secret}')
      .expect(400);
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2/);
    expect(response.body.message).toBe('The request body is not valid JSON.');
  });

  it('names no unknown property', async () => {
    const response = await sample
      .http()
      .post('/auth/login')
      .send({ email: EMAIL, password: PASSWORD, '<script>alert(1)</script>': 1 })
      .expect(400);
    expect(JSON.stringify(response.body)).not.toMatch(/script/);
    expect(response.body.message).toEqual(['The body has a property this route does not accept.']);
  });
});
