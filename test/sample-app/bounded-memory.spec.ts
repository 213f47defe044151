import { describe, expect, it } from 'vitest';
import { OUTBOX_SIZE, OutboxMailer } from '../../sample-app/src/mail/outbox.mailer.js';
import { ExpiringMap } from '../../sample-app/src/security/expiring-map.js';

describe('ExpiringMap (the store of rate-limit windows and login locks)', () => {
  it('forgets an entry ttl after it was last set', () => {
    const map = new ExpiringMap<string, number>(1_000, 10);
    map.set('a', 1, 0);
    expect(map.get('a', 999)).toBe(1);
    map.set('a', 2, 500);
    expect(map.get('a', 1_499)).toBe(2);
    expect(map.get('a', 1_500)).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('drops expired entries from the front as new ones are set', () => {
    const map = new ExpiringMap<number, number>(1_000, 100);
    for (let key = 0; key < 50; key++) map.set(key, key, key);
    map.set(99, 99, 1_020);
    expect(map.size).toBe(30);
    expect(map.get(20, 1_020)).toBeUndefined();
    expect(map.get(21, 1_020)).toBe(21);
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const map = new ExpiringMap<number, number>(60_000, 3);
    for (let key = 0; key < 5; key++) map.set(key, key, 0);
    expect(map.size).toBe(3);
    expect([0, 1, 2, 3, 4].map((key) => map.get(key, 0))).toEqual([undefined, undefined, 2, 3, 4]);
  });

  it('deletes the keys a predicate accepts', () => {
    const map = new ExpiringMap<string, number>(60_000, 10);
    for (const key of ['a\n1', 'a\n2', 'b\n1']) map.set(key, 1, 0);
    map.deleteWhere((key) => key.startsWith('a\n'));
    expect(map.size).toBe(1);
    expect(map.get('b\n1', 0)).toBe(1);
  });
});

describe('OutboxMailer', () => {
  it(`keeps the latest ${OUTBOX_SIZE} messages`, () => {
    const outbox = new OutboxMailer();
    for (let i = 0; i <= OUTBOX_SIZE; i++) {
      outbox.send({ to: `user${i % 2}@example.com`, subject: String(i), text: '' });
    }
    const kept = [...outbox.allTo('user0@example.com'), ...outbox.allTo('user1@example.com')];
    expect(kept).toHaveLength(OUTBOX_SIZE);
    expect(kept.map((mail) => mail.subject)).not.toContain('0');
    expect(outbox.latestTo('user0@example.com')?.subject).toBe(String(OUTBOX_SIZE));
  });
});
