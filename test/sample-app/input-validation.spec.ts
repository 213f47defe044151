import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enterSudo,
  logIn,
  registerUser,
  startSampleApp,
  type SampleApp,
} from './support/sample-app.js';

const EMAIL = 'linus@example.com';
const PASSWORD = 'a long enough password';

let sample: SampleApp;
let auth: string;
beforeAll(async () => {
  // Every case below counts against the per-client limits: lift the ones it would reach.
  const generous = { limit: 1_000, windowMs: 60_000 };
  sample = await startSampleApp(undefined, {
    rateLimits: { register: generous, mfa_verify: generous },
  });
  await registerUser(sample, EMAIL, PASSWORD);
  auth = `Bearer ${await logIn(sample, EMAIL, PASSWORD, '203.0.113.40')}`;
  await enterSudo(sample, auth, PASSWORD, '203.0.113.40');
});
afterAll(() => sample.close());

/** Every route that takes a JSON body, with a valid body to spoil. */
const BODY_ROUTES: readonly {
  path: string;
  valid: Record<string, unknown>;
  session?: boolean;
}[] = [
  { path: '/auth/register', valid: { email: 'new@example.com', password: PASSWORD } },
  { path: '/auth/login', valid: { email: EMAIL, password: PASSWORD } },
  { path: '/mfa/verify', valid: { code: '123456' }, session: true },
  { path: '/password-reset/request', valid: { email: EMAIL } },
  { path: '/password-reset/complete', valid: { token: 'abc', password: PASSWORD } },
  { path: '/api-tokens', valid: { name: 'ci' }, session: true },
];

/** Ways to spoil a body: the raw payload and what the answer must say. */
const SPOILERS: readonly {
  problem: string;
  payload: (valid: Record<string, unknown>) => string;
  status: number;
  message: RegExp;
}[] = [
  {
    problem: 'an empty object',
    payload: () => '{}',
    status: 400,
    message: /must be|should not be empty/,
  },
  {
    problem: 'a missing field',
    payload: (valid) => JSON.stringify(Object.fromEntries(Object.entries(valid).slice(1))),
    status: 400,
    message: /must be|should not be empty/,
  },
  {
    problem: 'wrong types',
    payload: (valid) =>
      JSON.stringify(Object.fromEntries(Object.keys(valid).map((key) => [key, { $ne: 1 }]))),
    status: 400,
    message: /must be/,
  },
  {
    problem: 'numbers for strings',
    payload: (valid) => JSON.stringify(Object.fromEntries(Object.keys(valid).map((k) => [k, 42]))),
    status: 400,
    message: /must be/,
  },
  {
    problem: 'an unknown field',
    payload: (valid) => JSON.stringify({ ...valid, isAdmin: true }),
    status: 400,
    message: /The body has a property this route does not accept/,
  },
  {
    problem: 'a JSON array',
    payload: () => '[]',
    status: 400,
    message: /must be|should not be empty/,
  },
  { problem: 'a JSON string', payload: () => '"text"', status: 400, message: /JSON/ },
  { problem: 'malformed JSON', payload: () => '{"email": ', status: 400, message: /JSON/ },
  {
    problem: 'a 4 kB body nested 2000 levels deep',
    payload: () => `{"n":${'['.repeat(2000)}${']'.repeat(2000)}}`,
    status: 400,
    message: /nests deeper than 32 levels/,
  },
  {
    problem: 'a body over 10 kB',
    payload: (valid) => JSON.stringify({ ...valid, padding: 'x'.repeat(20_000) }),
    status: 413,
    message: /too large/,
  },
];

const CASES = BODY_ROUTES.flatMap((route) =>
  SPOILERS.map((spoiler) => ({ ...spoiler, ...route, label: `${route.path}: ${spoiler.problem}` })),
);

describe('wrong input gets a clear 4xx, never a 500', () => {
  it.each(CASES)('$label → $status', async ({ path, valid, session, payload, status, message }) => {
    const call = sample.http().post(path).set('Content-Type', 'application/json');
    if (session) call.set('Authorization', auth);
    const response = await call.send(payload(valid));
    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });

  it.each([
    [
      'an e-mail address that is not one',
      '/auth/register',
      { email: 'nope', password: PASSWORD },
      /e-mail address/,
    ],
    [
      'a short new password',
      '/auth/register',
      { email: 'x@example.com', password: 'short' },
      /longer than or equal to 10/,
    ],
    [
      'a password over 128 characters',
      '/auth/login',
      { email: EMAIL, password: 'p'.repeat(129) },
      /shorter than or equal to 128/,
    ],
    ['a 5-digit code', '/mfa/verify', { code: '12345' }, /6 digits/],
    ['a code with letters', '/mfa/verify', { code: '12a456' }, /6 digits/],
    ['an empty token name', '/api-tokens', { name: '' }, /longer than or equal to 1/],
  ])('refuses %s with 400', async (_, path, body, message) => {
    const response = await sample.http().post(path).set('Authorization', auth).send(body);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });

  it.each(['/auth/sessions/not-a-uuid', '/api-tokens/not-a-uuid'])(
    'DELETE %s → 400 (ids are UUIDs)',
    async (path) => {
      const response = await sample.http().delete(path).set('Authorization', auth);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/uuid is expected/);
    },
  );

  it.each([
    ['POST', '/auth/logout', undefined],
    ['GET', '/auth/sessions', undefined],
    ['POST', '/mfa/enroll', 'Bearer sess_forged'],
    ['POST', '/api-tokens', 'Basic dXNlcjpwYXNz'],
    ['GET', '/api-tokens/whoami', 'Bearer sgr_forged'],
  ])('%s %s without a valid credential → 401', async (method, path, header) => {
    const call = method === 'GET' ? sample.http().get(path) : sample.http().post(path).send({});
    if (header !== undefined) call.set('Authorization', header);
    const response = await call;
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/valid (session|API) token is required/);
  });

  it('logs no error for any of it', () => {
    expect(sample.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
