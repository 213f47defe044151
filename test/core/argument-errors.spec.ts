import { afterEach, describe, expect, it } from 'vitest';
import {
  attach,
  attachMany,
  execute,
  getMetadataPolicy,
  listHandlers,
  setCoreLogger,
  setMetadataPolicy,
  span,
} from '../../lib/core/index.js';
import { describeValue } from '../../lib/shared/value-description.functions.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

class LoginDto {
  email = 'alice@example.com';
  password = 'hunter2';
}

const SECRETS = /alice|hunter2|example\.com/;

function boom(): never {
  throw new Error('trap says hunter2');
}

function trapping(target: object = {}): object {
  return new Proxy(target, {
    getPrototypeOf: boom,
    get: boom,
    has: boom,
    ownKeys: boom,
    getOwnPropertyDescriptor: boom,
  });
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('expected a TypeError');
}

describe('describeValue describes shapes, never contents', () => {
  it.each([
    [new LoginDto(), 'an instance of LoginDto with keys email, password'],
    [{ password: 'hunter2' }, 'an object with keys password'],
    [{ 'alice@example.com': 3 }, 'an object with 1 other key'],
    ['hunter2', 'a string of 7 characters'],
    [123456, 'an integer of 6 digits'],
    [0, '0'],
    [2.5, '2.5'],
    [['hunter2'], 'an array of 1 element'],
    [new Error('token eyJhbGci'), 'an instance of Error'],
    [Object.create(null), 'an object without prototype, with no keys'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('%o → %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('never throws, for a proxy whose traps throw or a revoked proxy', () => {
    expect(describeValue(trapping())).toMatch(/cannot be inspected/);
    expect(describeValue(revoked())).toMatch(/cannot be inspected/);
  });

  it('a DTO passed by mistake leaves its values out of every core error', () => {
    for (const call of [
      () => execute(['app', 'x'], {}, new LoginDto() as never),
      () => span(['app', 'x'], new LoginDto() as never, () => 1),
      () => attach('h', new LoginDto() as never, () => undefined),
      () => setCoreLogger(new LoginDto() as never),
      () => setMetadataPolicy(new LoginDto() as never),
    ]) {
      const message = messageOf(call);
      expect(message).not.toMatch(SECRETS);
      expect(message).toMatch(/LoginDto|keys email, password/);
    }
  });
});

describe('hostile arguments give a TypeError naming the argument and the fix', () => {
  const policy = getMetadataPolicy();
  afterEach(() => {
    setMetadataPolicy(policy);
  });

  it.each([
    ['execute metadata', () => execute(['app', 'x'], {}, trapping() as never), /execute: metadata/],
    ['execute name', () => execute(trapping(['a']) as never), /execute: eventName/],
    ['span metadata', () => span(['app', 'x'], trapping() as never, () => 1), /span: metadata/],
    ['span options', () => span(['app', 'x'], {}, () => 1, trapping() as never), /span: options/],
    [
      'attach name',
      () => attach('h', trapping(['a']) as never, () => undefined),
      /attach: eventName/,
    ],
    [
      'attachMany list',
      () => attachMany('h', revoked() as never, () => undefined),
      /attachMany: eventNames/,
    ],
    ['setCoreLogger', () => setCoreLogger(trapping() as never), /setCoreLogger: logger/],
    [
      'setMetadataPolicy',
      () => setMetadataPolicy(trapping() as never),
      /setMetadataPolicy: options|createMetadataPolicy/,
    ],
  ])('%s', (_, call, names) => {
    const message = messageOf(call);
    expect(message).toMatch(names);
    expect(message).not.toMatch(/hunter2/);
    expect(listHandlers([])).toEqual([]);
    expect(getMetadataPolicy()).toBe(policy);
  });

  it('setCoreLogger(Object.create(null)) says what a logger must be', () => {
    expect(messageOf(() => setCoreLogger(Object.create(null)))).toMatch(
      /setCoreLogger: logger must be an object with an error\(message, error\) method.*got an object without prototype/,
    );
  });

  it('span refuses a stopMetadata that is not a function before running fn', () => {
    let ran = false;
    attach('h', ['app', 'x', 'stop'], () => undefined);
    expect(
      messageOf(() =>
        span(['app', 'x'], {}, () => (ran = true), { stopMetadata: 'user_id' } as never),
      ),
    ).toMatch(/span: options.stopMetadata must be a function, got a string/);
    expect(ran).toBe(false);
    expect(() => span(['app', 'x'], {}, () => 1, null as never)).toThrow(
      /span: options must be an object/,
    );
  });
});
