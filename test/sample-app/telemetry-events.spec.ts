import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { totp } from '../../sample-app/src/crypto/totp.js';
import {
  enterSudo,
  logIn,
  registerUser,
  startSampleApp,
  type SampleApp,
} from './support/sample-app.js';

const EMAIL = 'grace@example.com';
const PASSWORD = 'a long enough password';
const IP = '203.0.113.20';
const OTHER_IP = '198.51.100.30';

// Each login and registration costs a real scrypt hash (~0.2 s).
vi.setConfig({ testTimeout: 30_000 });

let sample: SampleApp;
beforeEach(async () => {
  sample = await startSampleApp();
});
afterEach(() => sample.close());

/** The event of that name, the only one of the capture (fails otherwise). */
function only(name: string) {
  const found = sample.capture.events.filter((event) => event.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
}

const login = (password = PASSWORD, ip = IP, email = EMAIL) =>
  sample.http().post('/auth/login').set('X-Forwarded-For', ip).send({ email, password });

/** Registers and logs in the test user; returns its id and session token, capture cleared. */
async function signedIn() {
  const userId = await registerUser(sample, EMAIL, PASSWORD);
  const token = await logIn(sample, EMAIL, PASSWORD, IP);
  sample.capture.clear();
  return { userId, token, auth: `Bearer ${token}` };
}

/** Signed in and in sudo mode, capture cleared. */
async function inSudo() {
  const session = await signedIn();
  await enterSudo(sample, session.auth, PASSWORD, IP);
  sample.capture.clear();
  return session;
}

/** Signed in and enrolled in MFA (not confirmed yet); returns the TOTP secret too. */
async function enrolled() {
  const session = await inSudo();
  const enrol = await sample.http().post('/mfa/enroll').set('Authorization', session.auth);
  expect(enrol.status).toBe(201);
  expect(enrol.body.otpauth_url).toContain(`secret=${enrol.body.secret}`);
  return { ...session, secret: enrol.body.secret as string };
}

/** `POST /mfa/verify` from `IP`. */
const verify = (auth: string, code: string) =>
  sample
    .http()
    .post('/mfa/verify')
    .set('Authorization', auth)
    .set('X-Forwarded-For', IP)
    .send({ code });

/** `POST /password-reset/request`, expecting 202; waits for the mail, sent after the answer. */
async function requestReset(email = EMAIL) {
  const mails = sample.outbox.allTo(email).length;
  const response = await sample.http().post('/password-reset/request').send({ email }).expect(202);
  await vi.waitFor(() => expect(sample.outbox.allTo(email)).toHaveLength(mails + 1));
  return response;
}

/** The token of the latest reset link mailed to the test user. */
const mailedToken = () =>
  /#token=([\w-]+)/.exec(sample.outbox.latestTo(EMAIL)?.text ?? '')?.[1] ?? '';

describe('register', () => {
  it('spans the registration, with the new user id on stop', async () => {
    const response = await sample
      .http()
      .post('/auth/register')
      .send({ email: EMAIL, password: PASSWORD })
      .expect(201);
    expect(response.body).toEqual({ message: 'Thank you. Check your inbox, then log in.' });
    expect(sample.capture.names()).toEqual([
      'sigra.auth.register.start',
      'sigra.auth.register.stop',
    ]);
    expect(only('sigra.auth.register.stop').metadata).toMatchObject({ user_id: 1 });
  });

  it("stops with the owner's user id when the address is taken, answering 201 all the same", async () => {
    await registerUser(sample, EMAIL, PASSWORD);
    sample.capture.clear();
    await sample
      .http()
      .post('/auth/register')
      .send({ email: EMAIL.toUpperCase(), password: PASSWORD })
      .expect(201);
    expect(sample.capture.names()).toEqual([
      'sigra.auth.register.start',
      'sigra.auth.register.stop',
    ]);
    expect(only('sigra.auth.register.stop').metadata).toMatchObject({
      user_id: 1,
      result: 'failure',
    });
  });
});

describe('login', () => {
  it('opens a standard session inside the login span', async () => {
    const userId = await registerUser(sample, EMAIL, PASSWORD);
    sample.capture.clear();
    const response = await login().expect(200);
    expect(response.body).toEqual({
      user_id: userId,
      session_token: expect.stringMatching(/^sess_/),
      mfa_required: false,
    });
    expect(sample.capture.names()).toEqual([
      'sigra.auth.login.start',
      'sigra.session.create.start',
      'sigra.session.create.stop',
      'sigra.auth.login.stop',
    ]);
    expect(only('sigra.session.create.start').metadata).toMatchObject({
      user_id: userId,
      type: 'standard',
    });
    expect(only('sigra.auth.login.stop').metadata).toMatchObject({
      user_id: userId,
      failed_attempts_before: 0,
      result: 'success',
    });
  });

  it.each([
    ['a wrong password', 'not the password', EMAIL],
    ['an unknown address', PASSWORD, 'nobody@example.com'],
  ])(
    'reports invalid credentials for %s, the user id only when there is an account',
    async (_, password, email) => {
      const userId = await registerUser(sample, EMAIL, PASSWORD);
      sample.capture.clear();
      const response = await login(password, IP, email).expect(401);
      expect(response.body.message).toBe('Invalid e-mail address or password.');
      expect(sample.capture.names()).toEqual([
        'sigra.auth.login.start',
        'sigra.security.invalid_credentials',
        'sigra.auth.login.stop',
      ]);
      expect(only('sigra.security.invalid_credentials').metadata).toEqual({ ip: IP });
      const stop = only('sigra.auth.login.stop').metadata;
      expect(stop).toMatchObject({ result: 'failure' });
      if (email === EMAIL) expect(stop.user_id).toBe(userId);
      else expect(stop).not.toHaveProperty('user_id');
    },
  );

  it('locks the account at the fifth failure, and counts failures before a success', async () => {
    const userId = await registerUser(sample, EMAIL, PASSWORD);
    for (let i = 0; i < 2; i++) await login('wrong password').expect(401);
    await login().expect(200);
    expect(sample.capture.events.at(-1)?.metadata).toMatchObject({ failed_attempts_before: 2 });

    for (let i = 0; i < 4; i++) await login('wrong password').expect(401);
    sample.capture.clear();
    const locked = await login('wrong password').expect(423);
    expect(locked.body.message).toMatch(/locked after too many failed logins/);
    expect(sample.capture.names()).toEqual([
      'sigra.auth.login.start',
      'sigra.security.invalid_credentials',
      'sigra.security.lockout',
      'sigra.auth.login.stop',
    ]);
    expect(only('sigra.security.lockout').metadata).toEqual({
      user_id: userId,
      ip: IP,
      reason: 'threshold_reached',
    });

    sample.capture.clear();
    await login().expect(423);
    expect(sample.capture.names()).toEqual([
      'sigra.auth.login.start',
      'sigra.security.rate_limited',
      'sigra.auth.login.stop',
    ]);
  });

  it('reports a login from a new address of a user who has logged in before', async () => {
    const userId = await registerUser(sample, EMAIL, PASSWORD);
    await login().expect(200);
    expect(sample.capture.names()).not.toContain('sigra.security.suspicious_login');
    sample.capture.clear();
    await login(PASSWORD, OTHER_IP).expect(200);
    expect(sample.capture.names()).toEqual([
      'sigra.auth.login.start',
      'sigra.security.suspicious_login',
      'sigra.session.create.start',
      'sigra.session.create.stop',
      'sigra.auth.login.stop',
    ]);
    expect(only('sigra.security.suspicious_login').metadata).toEqual({
      user_id: userId,
      ip: OTHER_IP,
    });
    sample.capture.clear();
    await login(PASSWORD, OTHER_IP).expect(200);
    expect(sample.capture.names()).not.toContain('sigra.security.suspicious_login');
  });
});

describe('logout and sessions', () => {
  it('spans logout once, through the interceptor, around the session deletion', async () => {
    const { auth } = await signedIn();
    await sample.http().post('/auth/logout').set('Authorization', auth).expect(204);
    expect(sample.capture.names()).toEqual([
      'sigra.auth.logout.start',
      'sigra.session.delete.start',
      'sigra.session.delete.stop',
      'sigra.auth.logout.stop',
    ]);
    await sample.http().get('/auth/sessions').set('Authorization', auth).expect(401);
  });

  it('lists sessions and deletes one by id', async () => {
    const { auth } = await signedIn();
    const other = await logIn(sample, EMAIL, PASSWORD, IP);
    const listed = await sample.http().get('/auth/sessions').set('Authorization', auth).expect(200);
    expect(listed.body).toHaveLength(2);
    expect(listed.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const otherId = listed.body.find((s: { current: boolean }) => !s.current).id;
    sample.capture.clear();
    await sample.http().delete(`/auth/sessions/${otherId}`).set('Authorization', auth).expect(204);
    expect(sample.capture.names()).toEqual([
      'sigra.session.delete.start',
      'sigra.session.delete.stop',
    ]);
    await sample.http().get('/auth/sessions').set('Authorization', `Bearer ${other}`).expect(401);
  });

  it('revokes every session, reporting how many', async () => {
    const { userId, auth } = await signedIn();
    await logIn(sample, EMAIL, PASSWORD, IP);
    sample.capture.clear();
    const response = await sample.http().delete('/auth/sessions').set('Authorization', auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ revoked: 2, api_tokens_revoked: 0 });
    expect(sample.capture.names()).toEqual([
      'sigra.session.revoke_all.stop',
      'sigra.api_token.revoke_all.stop',
    ]);
    const event = only('sigra.session.revoke_all.stop');
    expect(event.measurements).toEqual({ count: 2 });
    expect(event.metadata).toEqual({ user_id: userId });
  });
});

describe('MFA', () => {
  it('spans enrolment with its result', async () => {
    const { userId } = await enrolled();
    expect(sample.capture.names()).toEqual(['sigra.mfa.enroll.start', 'sigra.mfa.enroll.stop']);
    expect(only('sigra.mfa.enroll.stop').metadata).toMatchObject({
      user_id: userId,
      result: 'success',
    });
  });

  it('spans verification with the result and the attempts left, and refuses a replay', async () => {
    const { userId, auth, secret } = await enrolled();
    sample.capture.clear();
    const code = totp(secret, sample.clock.now());
    await verify(auth, code).expect(200, { result: 'success' });
    expect(sample.capture.names()).toEqual(['sigra.mfa.verify.start', 'sigra.mfa.verify.stop']);
    expect(only('sigra.mfa.verify.start').metadata).toMatchObject({
      user_id: userId,
      method: 'totp',
    });
    expect(only('sigra.mfa.verify.stop').metadata).toMatchObject({
      result: 'success',
      attempts_remaining: 5,
    });

    sample.capture.clear();
    const replay = await verify(auth, code).expect(401);
    expect(replay.body).toMatchObject({ attempts_remaining: 4 });
    expect(only('sigra.mfa.verify.stop').metadata).toMatchObject({
      result: 'failure',
      attempts_remaining: 4,
    });

    sample.capture.clear();
    await sample.http().post('/mfa/enroll').set('Authorization', auth).expect(409);
    expect(only('sigra.mfa.enroll.stop').metadata).toMatchObject({ result: 'failure' });
  });

  it('locks verification after five wrong codes', async () => {
    const { userId, auth, secret } = await enrolled();
    const wrong = String((Number(totp(secret, sample.clock.now())) + 500_000) % 1_000_000).padStart(
      6,
      '0',
    );
    for (let i = 0; i < 4; i++) await verify(auth, wrong).expect(401);
    sample.capture.clear();
    await verify(auth, wrong).expect(423);
    expect(sample.capture.names()).toEqual([
      'sigra.mfa.verify.start',
      'sigra.mfa.lockout',
      'sigra.mfa.verify.stop',
    ]);
    expect(only('sigra.mfa.lockout').metadata).toEqual({ user_id: userId, ip: IP });
    expect(only('sigra.mfa.verify.stop').metadata).toMatchObject({
      result: 'failure',
      attempts_remaining: 0,
    });
    await verify(auth, totp(secret, sample.clock.now() + 30_000)).expect(423);
  });

  it('gives an MFA user a pending session until a code is verified', async () => {
    const { auth, secret } = await enrolled();
    await verify(auth, totp(secret, sample.clock.now())).expect(200);
    sample.capture.clear();
    const response = await login().expect(200);
    expect(response.body.mfa_required).toBe(true);
    expect(only('sigra.session.create.start').metadata).toMatchObject({ type: 'mfa_pending' });
    const pending = `Bearer ${response.body.session_token}`;
    const blocked = await sample.http().get('/auth/sessions').set('Authorization', pending);
    expect(blocked.status).toBe(403);
    const promoted = await verify(pending, totp(secret, sample.clock.now() + 30_000)).expect(200);
    const full = `Bearer ${promoted.body.session_token}`;
    await sample.http().get('/auth/sessions').set('Authorization', full).expect(200);
  });
});

describe('API tokens', () => {
  it('spans creation and verification and reports revocation; shows the token only once', async () => {
    const { userId, auth } = await inSudo();
    const created = await sample
      .http()
      .post('/api-tokens')
      .set('Authorization', auth)
      .send({ name: 'ci' })
      .expect(201);
    expect(created.body.token).toMatch(/^sgr_/);
    expect(sample.capture.names()).toEqual([
      'sigra.api_token.create.start',
      'sigra.api_token.create.stop',
    ]);
    expect(only('sigra.api_token.create.stop').metadata).toMatchObject({ user_id: userId });

    const listed = await sample.http().get('/api-tokens').set('Authorization', auth).expect(200);
    expect(listed.body).toEqual([
      { id: created.body.id, name: 'ci', created_at: created.body.created_at, expires_at: null },
    ]);

    sample.capture.clear();
    const bearer = `Bearer ${created.body.token}`;
    await sample
      .http()
      .get('/api-tokens/whoami')
      .set('Authorization', bearer)
      .expect(200, { user_id: userId, token_id: created.body.id });
    expect(sample.capture.names()).toEqual([
      'sigra.api_token.verify.start',
      'sigra.api_token.verify.stop',
    ]);

    sample.capture.clear();
    await sample
      .http()
      .delete(`/api-tokens/${created.body.id}`)
      .set('Authorization', auth)
      .expect(204);
    expect(sample.capture.names()).toEqual(['sigra.api_token.revoke.stop']);
    expect(only('sigra.api_token.revoke.stop').metadata).toEqual({ token_id: created.body.id });

    await sample.http().get('/api-tokens/whoami').set('Authorization', bearer).expect(401);
    await sample
      .http()
      .delete(`/api-tokens/${created.body.id}`)
      .set('Authorization', auth)
      .expect(404);
  });
});

describe('password reset', () => {
  it('reports a request for a known address only, with the same answer either way', async () => {
    const { userId } = await signedIn();
    const unknown = await requestReset('nobody@example.com');
    expect(sample.capture.names()).toEqual([]);
    expect(sample.outbox.latestTo('nobody@example.com')?.subject).toBe('Password reset requested');
    const known = await requestReset();
    expect(known.body).toEqual(unknown.body);
    expect(sample.capture.names()).toEqual(['sigra.reset.requested']);
    expect(only('sigra.reset.requested').metadata).toEqual({ user_id: userId });
  });

  it('completes once: new password, sessions revoked, lockout cleared', async () => {
    const { userId, auth } = await signedIn();
    for (let i = 0; i < 5; i++) await login('wrong password').expect(i < 4 ? 401 : 423);
    await requestReset();
    sample.capture.clear();
    const body = { token: mailedToken(), password: 'the brand new password' };
    await sample.http().post('/password-reset/complete').send(body).expect(200);
    expect(sample.capture.names()).toEqual([
      'sigra.session.revoke_all.stop',
      'sigra.api_token.revoke_all.stop',
      'sigra.reset.completed',
    ]);
    expect(only('sigra.reset.completed').metadata).toEqual({ user_id: userId });
    expect(only('sigra.session.revoke_all.stop').measurements).toEqual({ count: 1 });

    await sample.http().get('/auth/sessions').set('Authorization', auth).expect(401);
    await login().expect(401);
    await login('the brand new password').expect(200);

    sample.capture.clear();
    const reused = await sample.http().post('/password-reset/complete').send(body).expect(400);
    expect(reused.body.message).toMatch(/invalid or has expired/);
    expect(sample.capture.names()).toEqual([]);
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After past the limit per IP, and reports it', async () => {
    await sample.close();
    sample = await startSampleApp({ limit: 3, windowMs: 60_000 });
    await registerUser(sample, EMAIL, PASSWORD);
    for (let i = 0; i < 3; i++) await login('wrong password').expect(401);
    sample.capture.clear();
    const limited = await login().expect(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.body.message).toMatch(/Too many login attempts/);
    expect(sample.capture.names()).toEqual(['sigra.security.rate_limited']);
    const event = only('sigra.security.rate_limited');
    expect(event.metadata).toEqual({ ip: IP, key_prefix: 'login', retry_after: 60 });
    expect(event.measurements).toEqual({ count: 1 });
    await login(PASSWORD, OTHER_IP).expect(200);
  });
});
