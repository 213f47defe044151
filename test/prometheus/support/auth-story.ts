import { totp } from '../../../sample-app/src/crypto/totp.js';

const PASSWORD = 'correct horse battery staple 42';
const WRONG = 'not the password at all 42';

/** What one round of the story sends, summed over both instances (see `runStory`). */
export const STORY_ROUND = {
  registrations: 5,
  loginSuccesses: 7,
  loginFailures: 10,
  invalidCredentials: 10,
  lockouts: 1,
  sessionsCreated: 7,
  mfaSuccesses: 1,
  mfaFailures: 1,
} as const;

let nextAddress = 0;

/**
 * A client address of its own per simulated user: each user's requests come from one machine, as
 * the per-(e-mail, client) lockout needs to see them, while users never share an address, so the
 * per-client rate limits never interfere.
 */
function clientIp(): string {
  nextAddress++;
  return `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
}

/** Sent through the instance's trusted loopback proxy (`TRUST_PROXY` unset) from `from`. */
async function post(
  base: string,
  from: string,
  path: string,
  expected: number,
  body: object,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(`POST ${path}: expected ${expected}, got ${response.status} ${text}`);
  }
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function user(base: string, tag: string) {
  const email = `${tag}@example.test`;
  const from = clientIp();
  return {
    register: () => post(base, from, '/auth/register', 201, { email, password: PASSWORD }),
    login: async () =>
      (await post(base, from, '/auth/login', 200, { email, password: PASSWORD }))
        .session_token as string,
    fail: (status = 401) => post(base, from, '/auth/login', status, { email, password: WRONG }),
    /** Any other request, from this user's address. */
    post: (path: string, expected: number, body: object, headers?: Record<string, string>) =>
      post(base, from, path, expected, body, headers),
  };
}

/** A six-digit code that none of the accepted TOTP steps (now, ±30 s) produces. */
function wrongCode(secret: string): string {
  const now = Date.now();
  const valid = new Set([-30_000, 0, 30_000].map((shift) => totp(secret, now + shift)));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code)) as string;
}

/**
 * One round of known traffic into two sample-app instances (`round` keeps e-mails unique).
 * Instance A: 3 registrations, 4 logins that succeed, 2 wrong passwords, then a TOTP enrolment
 * verified once with a wrong code and once with the right one. Instance B: 2 registrations,
 * 3 logins that succeed, 3 wrong passwords, and 5 wrong passwords for one account, which lock it
 * (the lockout counts per e-mail and client address, so those 5 come from one address).
 */
export async function runStory(a: string, b: string, round: number): Promise<void> {
  const member = (base: string, name: string) => user(base, `r${round}-${name}`);
  const [a1, a2, a3] = [member(a, 'a1'), member(a, 'a2'), member(a, 'a3')] as const;
  const [b1, b2] = [member(b, 'b1'), member(b, 'b2')] as const;
  for (const someone of [a1, a2, a3, b1, b2]) await someone.register();

  const session = await a1.login();
  await a1.login();
  await a2.login();
  await a3.login();
  for (let i = 0; i < 2; i++) await a1.fail();
  const auth = { authorization: `Bearer ${session}` };
  // Enrolling takes sudo mode: the password confirmed again.
  await a1.post('/auth/sudo', 200, { password: PASSWORD }, auth);
  const { secret } = (await a1.post('/mfa/enroll', 201, {}, auth)) as { secret: string };
  await a1.post('/mfa/verify', 401, { code: wrongCode(secret) }, auth);
  await a1.post('/mfa/verify', 200, { code: totp(secret, Date.now()) }, auth);

  for (let i = 0; i < 3; i++) await b1.login();
  for (let i = 0; i < 3; i++) await b1.fail();
  for (let i = 0; i < 4; i++) await b2.fail();
  await b2.fail(423);
}

/**
 * A credential-stuffing burst: `perInstance` wrong passwords into each instance, for e-mails
 * that are not registered, each from a client address of its own.
 */
export async function runStuffingBurst(
  bases: readonly string[],
  perInstance: number,
): Promise<void> {
  await Promise.all(
    bases.map(async (base, instance) => {
      for (let i = 0; i < perInstance; i++) {
        await user(base, `stuffed-${instance}-${i}`).fail();
      }
    }),
  );
}
