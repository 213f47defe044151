import { describe, expect, it } from 'vitest';
import {
  createMetadataPolicy,
  MetadataPolicyError,
  REDACTED,
  type MetadataPolicyOptions,
} from '../../lib/policy/index.js';

function strictError(options: MetadataPolicyOptions, metadata: Record<string, unknown>) {
  try {
    createMetadataPolicy({ ...options, mode: 'strict' })(metadata);
  } catch (error) {
    return error as MetadataPolicyError;
  }
  throw new Error('expected a MetadataPolicyError');
}

describe('modes', () => {
  it('redacts by default: the key stays, the value becomes REDACTED', () => {
    expect(REDACTED).toBe('[REDACTED]');
    expect(createMetadataPolicy()({ user_id: 7, password: 'hunter2' })).toEqual({
      user_id: 7,
      password: REDACTED,
    });
  });

  it('off hands the metadata over untouched', () => {
    const metadata = { password: 'hunter2', note: 'Bearer abc123def456' };
    const result = createMetadataPolicy({ mode: 'off' })(metadata);
    expect(result).toBe(metadata);
    expect(result).toEqual({ password: 'hunter2', note: 'Bearer abc123def456' });
  });

  it('strict throws a MetadataPolicyError naming the path, the reason and the fix', () => {
    const error = strictError({}, { user_id: 1, user: { password: 'hunter2' } });
    expect(error).toBeInstanceOf(MetadataPolicyError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MetadataPolicyError');
    expect(error.path).toBe('metadata.user.password');
    expect(error.reason).toBe('the key names a password or password hash');
    expect(error.message).toBe(
      'Metadata policy: metadata.user.password is refused because the key names a password or ' +
        'password hash. Remove it from the metadata, or add "password" to allowKeys if it really ' +
        'carries no secret.',
    );
    expect(error.message).not.toContain('hunter2');
  });

  it('strict names array, Map, Set and odd-key paths', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(strictError({}, { list: [{ ok: 1 }, { headers: { 'X-Api-Key': 'k' } }] }).path).toBe(
      'metadata.list[1].headers["X-Api-Key"]',
    );
    expect(strictError({}, { m: new Map([['Authorization', 'x']]) }).path).toBe(
      'metadata.m.get("Authorization")',
    );
    const inSet = strictError({}, { tags: new Set(['a', jwt]) });
    expect(inSet.path).toBe('metadata.tags.values()[1]');
    expect(inSet.reason).toBe('the value holds a JWT');
    expect(inSet.message).toContain('Remove it from the metadata');
    expect(inSet.message).not.toContain('allowKeys');
    expect(inSet.message).not.toContain(jwt);
  });

  it('strict passes clean metadata through as the same object', () => {
    const metadata = { user_id: 1, nested: { provider: 'github' } };
    expect(createMetadataPolicy({ mode: 'strict' })(metadata)).toBe(metadata);
  });

  it('strict accepts a value that is already redacted', () => {
    const metadata = { password: REDACTED };
    expect(createMetadataPolicy({ mode: 'strict' })(metadata)).toBe(metadata);
  });
});

describe('denyKeys and allowKeys', () => {
  it('denyKeys adds names, matched in any style at any depth', () => {
    const sanitize = createMetadataPolicy({ denyKeys: ['social_security_number'] });
    expect(sanitize({ a: { socialSecurityNumber: '123', 'Social-Security-Number': '4' } })).toEqual(
      {
        a: { socialSecurityNumber: REDACTED, 'Social-Security-Number': REDACTED },
      },
    );
    expect(strictError({ denyKeys: ['ssn'] }, { SSN: 1 }).reason).toBe(
      'the key is listed in denyKeys',
    );
  });

  it('denyKeys matches whole names only', () => {
    const metadata = { ssn_count: 1 };
    expect(createMetadataPolicy({ denyKeys: ['ssn'] })(metadata)).toBe(metadata);
  });

  it('allowKeys exempts a built-in name, in any style', () => {
    const sanitize = createMetadataPolicy({ allowKeys: ['Email'] });
    const metadata = { email: 'support@example.com', nested: { EMAIL: 'x' } };
    expect(sanitize(metadata)).toBe(metadata);
  });

  it('allowKeys wins over denyKeys', () => {
    const sanitize = createMetadataPolicy({ denyKeys: ['tenant'], allowKeys: ['tenant'] });
    const metadata = { tenant: 'acme' };
    expect(sanitize(metadata)).toBe(metadata);
  });

  it("allowKeys trusts the key's own string value but still inspects what is nested", () => {
    const sanitize = createMetadataPolicy({ allowKeys: ['contact', 'token'] });
    expect(sanitize({ contact: 'alice@example.com' })).toEqual({ contact: 'alice@example.com' });
    expect(sanitize({ token: { password: 'x', id: 1 } })).toEqual({
      token: { password: REDACTED, id: 1 },
    });
  });

  it('the redaction of other keys is unaffected', () => {
    const sanitize = createMetadataPolicy({ allowKeys: ['session_id'] });
    expect(sanitize({ session_id: 's', password: 'p' })).toEqual({
      session_id: 's',
      password: REDACTED,
    });
  });
});

describe('invalid options are a TypeError naming the option, the value and what is allowed', () => {
  it.each([
    [
      42,
      'createMetadataPolicy: options must be an object ({ mode, denyKeys, allowKeys }) or undefined; got a number.',
    ],
    [
      null,
      'createMetadataPolicy: options must be an object ({ mode, denyKeys, allowKeys }) or undefined; got null.',
    ],
    [
      ['strict'],
      'createMetadataPolicy: options must be an object ({ mode, denyKeys, allowKeys }) or undefined; got an array of 1 element.',
    ],
    [
      { mode: 'loud' },
      "createMetadataPolicy: options.mode must be one of 'redact', 'strict', 'off'; got a string of 4 characters.",
    ],
    [
      { mode: 'REDACT' },
      "createMetadataPolicy: options.mode must be one of 'redact', 'strict', 'off'; got a string of 6 characters.",
    ],
    [
      { allowkeys: ['x'] },
      "createMetadataPolicy: options must be an object with only mode, denyKeys, allowKeys (unknown option 'allowkeys'); got an object with keys allowkeys.",
    ],
    [
      { denyKeys: 'password' },
      'createMetadataPolicy: options.denyKeys must be an array of key names; got a string of 8 characters.',
    ],
    [
      { denyKeys: ['ok', 7] },
      'createMetadataPolicy: options.denyKeys[1] must be a key name (a string with at least one letter or digit); got a number.',
    ],
    [
      { allowKeys: ['--'] },
      'createMetadataPolicy: options.allowKeys[0] must be a key name (a string with at least one letter or digit); got a string of 2 characters.',
    ],
  ])('%o', (options, message) => {
    expect(() => createMetadataPolicy(options as MetadataPolicyOptions)).toThrow(
      new TypeError(message),
    );
  });

  it('accepts undefined, an empty object and every mode', () => {
    expect(() => createMetadataPolicy(undefined)).not.toThrow();
    expect(() => createMetadataPolicy({})).not.toThrow();
    for (const mode of ['redact', 'strict', 'off'] as const) {
      expect(() => createMetadataPolicy({ mode, denyKeys: [], allowKeys: [] })).not.toThrow();
    }
  });
});

describe('copy-on-write', () => {
  it('returns the same object, all the way down, when nothing is forbidden', () => {
    const metadata = {
      user_id: 1,
      nested: {
        list: [1, 'two', { three: 3 }],
        map: new Map([['k', { v: 1 }]]),
        set: new Set([1]),
      },
      reason: new Error('boom'),
    };
    expect(createMetadataPolicy()(metadata)).toBe(metadata);
  });

  it('copies only the containers on the path to a forbidden value', () => {
    const untouched = { provider: 'github' };
    const list = [1, 2];
    const metadata = { untouched, list, user: { id: 1, secret: 's' } };
    const result = createMetadataPolicy()(metadata) as typeof metadata;
    expect(result).not.toBe(metadata);
    expect(result.user).not.toBe(metadata.user);
    expect(result.untouched).toBe(untouched);
    expect(result.list).toBe(list);
    expect(result).toEqual({ untouched, list, user: { id: 1, secret: REDACTED } });
    expect(Object.keys(result)).toEqual(['untouched', 'list', 'user']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('is idempotent: sanitized output passes through as the same object', () => {
    const sanitize = createMetadataPolicy();
    const once = sanitize({ password: 'p', note: 'Bearer abc123def456' });
    expect(sanitize(once)).toBe(once);
  });
});
