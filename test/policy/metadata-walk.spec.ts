import { describe, expect, it } from 'vitest';
import {
  CIRCULAR,
  createMetadataPolicy,
  MAX_METADATA_DEPTH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_STRING_LENGTH,
  REDACTED,
  TRUNCATED,
  UNREADABLE,
} from '../../lib/policy/index.js';

const sanitize = createMetadataPolicy();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value))
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

const makeNested = () => ({
  user_id: 1,
  user: { password: 'p', profile: { userEmail: 'a@b.example', name: 'A' } },
  list: [{ token: 't' }, 'Bearer abc123def456', 3],
});

/** A function is passed on as it is, whatever it is called. */
function hashPassword(): void {}

describe('cycles', () => {
  it('marks a cycle in the copy and leaves the input alone', () => {
    const metadata: Record<string, unknown> = { password: 'p' };
    metadata.self = metadata;
    const result = sanitize(metadata);
    expect(result).toEqual({ password: REDACTED, self: CIRCULAR });
    expect(metadata.self).toBe(metadata);
    expect(metadata.password).toBe('p');
  });

  it('marks a cycle even in clean input: a back-reference in a copy would lead to the original', () => {
    const a: Record<string, unknown> = { user_id: 1 };
    a.loop = { back: a };
    expect(sanitize(a)).toEqual({ user_id: 1, loop: { back: CIRCULAR } });
    expect((a.loop as { back: unknown }).back).toBe(a);
  });

  it('does not take a shared (non-cyclic) reference for a cycle', () => {
    const shared = { token: 't' };
    const result = sanitize({ a: shared, b: shared });
    expect(result).toEqual({ a: { token: REDACTED }, b: { token: REDACTED } });
  });

  it('marks cycles through arrays, Maps and error causes', () => {
    const list: unknown[] = ['Bearer abc123def456'];
    list.push(list);
    expect(sanitize({ list })).toEqual({ list: [REDACTED, CIRCULAR] });
    const error = new Error('loop', { cause: undefined as unknown });
    (error as { cause: unknown }).cause = error;
    (error as unknown as Record<string, unknown>).apiKey = 'k';
    const result = sanitize({ reason: error }) as { reason: Error & { apiKey: string } };
    expect(result.reason.cause).toBe(CIRCULAR);
    expect(result.reason.apiKey).toBe(REDACTED);
  });
});

describe('getters and proxies', () => {
  it('replaces a throwing getter with a marker, never throwing', () => {
    const metadata = {
      user_id: 1,
      get broken(): never {
        throw new Error('nope');
      },
    };
    expect(sanitize(metadata)).toEqual({ user_id: 1, broken: UNREADABLE });
  });

  it('reads a working getter once when the object is clean', () => {
    let reads = 0;
    const metadata = {
      get provider() {
        reads++;
        return 'github';
      },
    };
    expect(sanitize(metadata)).toEqual({ provider: 'github' });
    expect(reads).toBe(1);
  });

  it('hands out the value it checked: a getter clean on one read and secret on the next', () => {
    let reads = 0;
    const metadata = {
      get note() {
        return reads++ % 2 === 0 ? 'fine' : 'Bearer abc123def456';
      },
      password: 'p',
    };
    const result = sanitize(metadata);
    const checked = Object.getOwnPropertyDescriptor(result, 'note');
    expect(checked).toHaveProperty('value');
    expect([result.note, result.note]).toEqual([checked?.value, checked?.value]);
    expect(String(result.note)).not.toContain('abc123def456');
  });

  it('hands out a copy of a proxy, whatever its traps answer on a later read', () => {
    let reads = 0;
    const target = { user_id: 1, note: 'fine' };
    const proxy = new Proxy(target, {
      get: (object, key) =>
        key === 'note' && reads++ > 0 ? 'alice@example.com' : Reflect.get(object, key),
    });
    const result = sanitize({ nested: proxy, flat: 1 }) as { nested: Record<string, unknown> };
    expect(reads).toBe(1);
    expect([result.nested.note, result.nested.note]).toEqual(['fine', 'fine']);
    reads = 0;
    const flat = sanitize(proxy);
    expect(reads).toBe(1);
    expect([flat.note, flat.note]).toEqual(['fine', 'fine']);
    expect(proxy.note).toBe('alice@example.com');
  });

  it('survives proxies whose traps throw', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
        getPrototypeOf() {
          return Object.prototype;
        },
      },
    );
    expect(sanitize({ user_id: 1, hostile })).toEqual({ user_id: 1, hostile: UNREADABLE });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(sanitize({ proxy })).toEqual({ proxy: UNREADABLE });
    expect(sanitize(proxy as Record<string, unknown>)).toEqual({});
  });
});

describe('input is never mutated', () => {
  it('works on deep-frozen input and leaves it deep-equal to before', () => {
    const metadata = deepFreeze(makeNested());
    const result = sanitize(metadata);
    expect(metadata).toEqual(makeNested());
    expect(result).toEqual({
      user_id: 1,
      user: { password: REDACTED, profile: { userEmail: REDACTED, name: 'A' } },
      list: [{ token: REDACTED }, REDACTED, 3],
    });
    expect(Object.isFrozen(result)).toBe(false);
  });

  it('copies a frozen error, replacing its cause', () => {
    const error = deepFreeze(
      Object.assign(new Error('outer', { cause: { password: 'p' } }), { status: 500 }),
    );
    const result = sanitize({ reason: error }) as { reason: Error & { status: number } };
    expect(result.reason.cause).toEqual({ password: REDACTED });
    expect(result.reason.status).toBe(500);
    expect(error.cause).toEqual({ password: 'p' });
  });
});

describe('prototype safety', () => {
  it('keeps __proto__, constructor and prototype keys as plain own data', () => {
    const metadata = JSON.parse(
      '{"__proto__": {"polluted": true, "password": "p"}, "constructor": {"prototype": {"polluted": true}}, "prototype": {"secret": "s"}}',
    ) as Record<string, unknown>;
    const result = sanitize(metadata) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({
      polluted: true,
      password: REDACTED,
    });
    expect(result.prototype).toEqual({ secret: REDACTED });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('password');
  });

  it('copies an object with a null prototype as one', () => {
    const metadata = Object.assign(Object.create(null) as Record<string, unknown>, { secret: 's' });
    const result = sanitize(metadata);
    expect(Object.getPrototypeOf(result)).toBeNull();
    expect({ ...result }).toEqual({ secret: REDACTED });
  });
});

describe('what is walked', () => {
  it('walks errors: own enumerable props (an HTTP client error), keeping name, message, stack', () => {
    class HttpError extends Error {
      override name = 'HttpError';
      config = { url: '/login', headers: { Authorization: 'Bearer abc123def456', Accept: 'json' } };
    }
    const error = new HttpError('Request failed');
    const result = sanitize({ reason: error }) as { reason: HttpError };
    expect(result.reason).not.toBe(error);
    expect(result.reason).toBeInstanceOf(HttpError);
    expect(result.reason.name).toBe('HttpError');
    expect(result.reason.message).toBe('Request failed');
    expect(result.reason.stack).toBe(error.stack);
    expect(result.reason.config).toEqual({
      url: '/login',
      headers: { Authorization: REDACTED, Accept: 'json' },
    });
    expect(error.config.headers.Authorization).toBe('Bearer abc123def456');
  });

  it('copies a clean error into an equal error', () => {
    const error = Object.assign(new Error('boom', { cause: new Error('root') }), { code: 'E1' });
    const metadata = { reason: error };
    expect(sanitize(metadata)).toEqual(metadata);
  });

  it('walks AggregateError.errors', () => {
    const aggregate = new AggregateError([{ password: 'p' }], 'many');
    const result = sanitize({ reason: aggregate }) as { reason: AggregateError };
    expect(result.reason.errors).toEqual([{ password: REDACTED }]);
    expect(result.reason.message).toBe('many');
  });

  it('walks Maps: string keys as names, values deeply', () => {
    const headers = new Map<unknown, unknown>([
      ['Accept', 'json'],
      ['authorization', 'x'],
      [42, { clientSecret: 's' }],
    ]);
    const result = sanitize({ headers }) as { headers: Map<unknown, unknown> };
    expect(result.headers).toBeInstanceOf(Map);
    expect([...result.headers]).toEqual([
      ['Accept', 'json'],
      ['authorization', REDACTED],
      [42, { clientSecret: REDACTED }],
    ]);
    expect(headers.get('authorization')).toBe('x');
  });

  it('walks Sets', () => {
    const tags = new Set(['a', 'alice@example.com', 'b']);
    const result = sanitize({ tags }) as { tags: Set<string> };
    expect([...result.tags]).toEqual(['a', REDACTED, 'b']);
  });

  it('walks class instances by their own enumerable properties, keeping their class', () => {
    class Credentials {
      constructor(
        readonly user_id: number,
        readonly password: string,
      ) {}
      describe(): string {
        return `user ${this.user_id}`;
      }
    }
    const result = sanitize({ user: new Credentials(7, 'p') }) as { user: Credentials };
    expect(result.user).toBeInstanceOf(Credentials);
    expect(result.user.password).toBe(REDACTED);
    expect(result.user.describe()).toBe('user 7');
  });

  it('passes dates, regular expressions, binary data, functions and promises on as they are', () => {
    const opaque = {
      date: new Date(0),
      regexp: /password/,
      buffer: Buffer.from('password=hunter2'),
      bytes: new Uint8Array([1, 2]),
      fn: hashPassword,
      promise: Promise.resolve('Bearer abc123def456'),
      boxed: new String('Bearer abc123def456'),
    };
    const result = sanitize(opaque);
    expect(result).toEqual(opaque);
  });

  it('keeps holes and length when copying a sparse array', () => {
    // eslint-disable-next-line no-sparse-arrays
    const list = [, 'Bearer abc123def456', , 1];
    const result = sanitize({ list }) as { list: unknown[] };
    expect(result.list).toHaveLength(4);
    expect(0 in result.list).toBe(false);
    expect(result.list[1]).toBe(REDACTED);
    expect(result.list[3]).toBe(1);
  });
});

describe('bounded work on huge input', () => {
  it(`truncates containers deeper than ${MAX_METADATA_DEPTH}, even 10k levels deep`, () => {
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    const result = sanitize({ deep }) as Record<string, unknown>;
    let node = result.deep as Record<string, unknown>;
    let depth = 1;
    while (typeof node.next === 'object') {
      node = node.next as Record<string, unknown>;
      depth++;
    }
    expect(depth).toBe(MAX_METADATA_DEPTH);
    expect(node.next).toBe(TRUNCATED);
  });

  it(`reads at most ${MAX_METADATA_ENTRIES} properties of a huge object, then stops with a marker`, () => {
    const huge: Record<string, unknown> = {};
    let reads = 0;
    for (let i = 0; i < 3 * MAX_METADATA_ENTRIES; i++) {
      Object.defineProperty(huge, `k${i}`, {
        enumerable: true,
        get: () => {
          reads++;
          return i;
        },
      });
    }
    const result = sanitize({ huge }) as { huge: Record<string, unknown> };
    expect(reads).toBeLessThanOrEqual(MAX_METADATA_ENTRIES);
    expect(result.huge.k0).toBe(0);
    expect(result.huge[TRUNCATED]).toBe(TRUNCATED);
    expect(Object.keys(result.huge).length).toBeLessThanOrEqual(MAX_METADATA_ENTRIES + 1);
  });

  it('reads at most the entry budget of a 1e6-element array, and cuts long strings', () => {
    const list = Array.from({ length: 1_000_000 }, (_, i) => i);
    let reads = 0;
    const counted = new Proxy(list, {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key);
      },
    });
    const long = `${'a'.repeat(1_000_000)}@`;
    const result = sanitize({ long, list: counted }) as { list: unknown[]; long: string };
    expect(reads).toBeLessThanOrEqual(MAX_METADATA_ENTRIES);
    expect(result.list.length).toBeLessThanOrEqual(MAX_METADATA_ENTRIES);
    expect(result.list.at(-1)).toBe(TRUNCATED);
    expect(result.long).toBe(
      `${'a'.repeat(MAX_METADATA_STRING_LENGTH - TRUNCATED.length)}${TRUNCATED}`,
    );
  });

  it('passes a 1 MB Buffer on without reading its bytes', () => {
    const buffer = Buffer.alloc(1_000_000, 1);
    expect((sanitize({ buffer }) as { buffer: Buffer }).buffer).toBe(buffer);
  });
});
