import { describe, expect, it, vi } from 'vitest';
import { convertTime, execute, listHandlers, setMetadataPolicy } from '../../lib/core/index.js';
import {
  attachMetrics,
  counter,
  distribution,
  lastValue,
  sum,
  summary,
  type MetricDefinition,
  type MetricObservation,
} from '../../lib/metrics/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

const LOGIN_STOP = ['sigra', 'auth', 'login', 'stop'];

/** Attaches a recording reporter; returns what it observed, the stop function and the logger. */
function observe(metrics: MetricDefinition[], maxLabelSets?: number) {
  const seen: MetricObservation[] = [];
  const logger = { warn: vi.fn<(message: string) => void>() };
  const stop = attachMetrics({
    metrics,
    reporter: { name: 'test', observe: (observation) => void seen.push(observation) },
    logger,
    ...(maxLabelSets === undefined ? {} : { maxLabelSets }),
  });
  return { seen, stop, logger };
}

describe('attachMetrics', () => {
  it('hands the reporter the definition, the converted value and the declared tags only', () => {
    const metric = distribution('sigra.auth.login.stop.duration', {
      unit: { from: 'native', to: 'millisecond' },
      tags: ['result'],
    });
    const { seen } = observe([metric]);
    execute(
      LOGIN_STOP,
      { duration: 2_500_000, monotonic_time: 1 },
      { result: 'failure', user_id: 7 },
    );
    expect(seen).toEqual([{ metric, value: 2.5, labels: { result: 'failure' } }]);
  });

  it.each([
    [{ from: 'native', to: 'second' }, 3e9, 3],
    [{ from: 'microsecond', to: 'millisecond' }, 1500, 1.5],
    [{ from: 'millisecond', to: 'nanosecond' }, 2, 2e6],
    [{ from: 'byte', to: 'kilobyte' }, 2500, 2.5],
    [{ from: 'megabyte', to: 'byte' }, 1.5, 1.5e6],
  ] as const)('converts %o', (unit, measured, reported) => {
    const { seen } = observe([sum('a.b.size', { unit })]);
    execute(['a', 'b'], { size: measured });
    expect(seen.map((o) => o.value)).toEqual([reported]);
  });

  it('converts as convertTime does: multiplying, then dividing once', () => {
    const { seen } = observe([sum('a.b.d', { unit: { from: 'native', to: 'second' } })]);
    for (const d of [3, 7, 123_456_789]) execute(['a', 'b'], { d });
    expect(seen.map((o) => o.value)).toEqual([3 / 1e9, 7 / 1e9, 123_456_789 / 1e9]);
    expect(seen.map((o) => o.value)).toEqual(
      [3, 7, 123_456_789].map((d) => convertTime(d, 'native', 'second')),
    );
  });

  it('counts a counter as 1 per event, whatever the measurement', () => {
    const { seen } = observe([counter('app.lockout.count')]);
    execute(['app', 'lockout'], {}, {});
    execute(['app', 'lockout'], { count: 5 }, {});
    expect(seen.map((o) => o.value)).toEqual([1, 1]);
  });

  it('reads a measurement function of measurements and metadata', () => {
    const metric = lastValue('a.b.c', {
      measurement: (m, meta) => (m.n as number) * (meta.k as number),
    });
    const { seen } = observe([metric]);
    execute(['a', 'b'], { n: 3 }, { k: 2 });
    expect(seen.map((o) => o.value)).toEqual([6]);
  });

  it('skips, never throws, an event whose measurement is missing or not a finite number', () => {
    const { seen, logger } = observe([summary('a.b.d')]);
    for (const d of [undefined, 'x', NaN, Infinity, null, 1n]) {
      expect(() => execute(['a', 'b'], { d })).not.toThrow();
    }
    execute(['a', 'b'], { d: 4 });
    expect(seen.map((o) => o.value)).toEqual([4]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('skips an event whose tag is missing or not a primitive', () => {
    const { seen } = observe([counter('a.b.c', { tags: ['method'] })]);
    execute(['a', 'b'], {}, {});
    execute(['a', 'b'], {}, { method: { nested: true } });
    execute(['a', 'b'], {}, { method: null });
    execute(['a', 'b'], {}, { method: 'totp' });
    execute(['a', 'b'], {}, { method: 3 });
    execute(['a', 'b'], {}, { method: false });
    expect(seen.map((o) => o.labels)).toEqual([
      { method: 'totp' },
      { method: '3' },
      { method: 'false' },
    ]);
  });

  it('reads tags from tagValues when given', () => {
    const metric = counter('a.b.c', {
      tags: ['outcome'],
      tagValues: (metadata) => ({ outcome: metadata.result ?? 'success' }),
    });
    const { seen } = observe([metric]);
    execute(['a', 'b'], {}, {});
    execute(['a', 'b'], {}, { result: 'failure' });
    expect(seen.map((o) => o.labels.outcome)).toEqual(['success', 'failure']);
  });

  it('honours keep and drop, which see metadata and measurements', () => {
    const kept = counter('a.b.kept', { keep: (metadata, m) => metadata.ok === true && m.n === 1 });
    const dropped = counter('a.b.dropped', { drop: (metadata) => metadata.ok === true });
    const { seen } = observe([kept, dropped]);
    execute(['a', 'b'], { n: 1 }, { ok: true });
    execute(['a', 'b'], { n: 1 }, { ok: false });
    expect(seen.map((o) => o.metric.name)).toEqual(['a.b.kept', 'a.b.dropped']);
  });

  it('hands the same frozen labels object for the same label set', () => {
    const { seen } = observe([counter('a.b.c', { tags: ['method'] })]);
    execute(['a', 'b'], {}, { method: 'totp' });
    execute(['a', 'b'], {}, { method: 'totp' });
    expect(seen[0]?.labels).toBe(seen[1]?.labels);
    expect(Object.isFrozen(seen[0]?.labels)).toBe(true);
  });

  it('sees metadata only after the metadata policy', () => {
    const { seen } = observe([counter('a.b.c', { tags: ['reason'] })]);
    execute(['a', 'b'], {}, { reason: 'Bearer abc.def.ghi' });
    expect(seen[0]?.labels.reason).toBe('[REDACTED]');
  });

  it('folds label sets beyond the cap into one "other" series and warns once', () => {
    const metric = counter('a.b.c', { tags: ['method', 'result'] });
    const { seen, logger } = observe([metric], 2);
    for (const method of ['a', 'b', 'c', 'd', 'a'])
      execute(['a', 'b'], {}, { method, result: 'x' });
    expect(seen.map((o) => o.labels)).toEqual([
      { method: 'a', result: 'x' },
      { method: 'b', result: 'x' },
      { method: 'other', result: 'other' },
      { method: 'other', result: 'other' },
      { method: 'a', result: 'x' },
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toMatch(
      /metric a\.b\.c reached 2 label sets.*"other".*raise maxLabelSets/,
    );
  });

  it('keeps 100 label sets per metric by default', () => {
    const { seen, logger } = observe([counter('a.b.c', { tags: ['n'] })]);
    for (let n = 0; n < 101; n++) execute(['a', 'b'], {}, { n });
    expect(seen.at(99)?.labels).toEqual({ n: '99' });
    expect(seen.at(100)?.labels).toEqual({ n: 'other' });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('attaches one handler per event and detaches them all on stop, once', () => {
    const { seen, stop } = observe([counter('a.b.c'), counter('a.b.d'), counter('x.y.z')]);
    expect(listHandlers([]).map((h) => h.eventName)).toEqual([
      ['a', 'b'],
      ['x', 'y'],
    ]);
    stop();
    stop();
    execute(['a', 'b']);
    expect(seen).toEqual([]);
    expect(listHandlers([])).toEqual([]);
  });

  it('lets two reporters attach the same definitions side by side', () => {
    const metrics = [counter('a.b.c')];
    const first = observe(metrics);
    const second = observe(metrics);
    execute(['a', 'b']);
    first.stop();
    execute(['a', 'b']);
    expect(first.seen).toHaveLength(1);
    expect(second.seen).toHaveLength(2);
  });

  it('skips what a throwing declaration function or reporter gives, warns once per metric, keeps the others', () => {
    const broken = counter('a.b.broken', {
      tags: ['t'],
      tagValues: () => {
        throw new Error('boom');
      },
    });
    const fine = counter('a.b.fine');
    const { seen, logger } = observe([broken, fine]);
    execute(['a', 'b']);
    execute(['a', 'b']);
    expect(seen.map((o) => o.metric.name)).toEqual(['a.b.fine', 'a.b.fine']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toMatch(/metric a\.b\.broken skipped an event .*: boom/);
    expect(listHandlers([])).toHaveLength(1);
  });

  it('passes the thrown message of its warning through the metadata policy, escaped', () => {
    const broken = counter('a.b.broken', {
      tags: ['t'],
      tagValues: () => {
        throw new Error('connect failed: postgres://app:s3cretpw@db.internal/app\nforged line');
      },
    });
    const { logger } = observe([broken]);
    execute(['a', 'b']);
    const warning = logger.warn.mock.calls[0]?.[0] ?? '';
    expect(warning).toMatch(/metric a\.b\.broken skipped an event .*: connect failed: /);
    expect(warning).not.toContain('s3cretpw');
    expect(warning).not.toContain('\n');
  });

  it('keeps the handler attached when the reporter throws', () => {
    const logger = { warn: vi.fn() };
    let calls = 0;
    attachMetrics({
      metrics: [counter('a.b.c')],
      reporter: {
        name: 'flaky',
        observe: () => {
          calls++;
          throw new Error('backend down');
        },
      },
      logger,
    });
    execute(['a', 'b']);
    execute(['a', 'b']);
    expect(calls).toBe(2);
    expect(logger.warn).toHaveBeenCalledOnce();
    expect(listHandlers([])).toHaveLength(1);
  });

  it('still records under the strict policy', () => {
    const previous = setMetadataPolicy({ mode: 'strict' });
    try {
      const { seen } = observe([counter('a.b.c', { tags: ['result'] })]);
      execute(['a', 'b'], {}, { result: 'success' });
      expect(seen).toHaveLength(1);
    } finally {
      setMetadataPolicy(previous);
    }
  });

  describe('refuses bad options with a TypeError, attaching nothing', () => {
    const reporter = { name: 'r', observe: () => undefined };
    it.each([
      ['options', undefined, /options must be an object \{ metrics, reporter \}/],
      [
        'metrics',
        { metrics: [{ name: 'a.b', type: 'counter' }], reporter },
        /metrics must be an array of definitions made by counter\(\)/,
      ],
      [
        'reporter',
        { metrics: [], reporter: { name: 'r' } },
        /reporter must be an object \{ name, observe\(observation\) \}/,
      ],
      [
        'maxLabelSets',
        { metrics: [], reporter, maxLabelSets: 0 },
        /maxLabelSets must be a positive integer, got 0; the default is 100/,
      ],
      [
        'logger',
        { metrics: [], reporter, logger: console.log },
        /logger must be an object with a warn\(message\) method/,
      ],
    ])('%s', (_, options, message) => {
      expect(() => attachMetrics(options as never)).toThrow(message);
      expect(listHandlers([])).toEqual([]);
    });
  });
});

describe('label sets', () => {
  it('skip, without counting toward the cap, an unseen set whose later tag is missing', () => {
    const { seen, logger } = observe([counter('a.b.c', { tags: ['method', 'result'] })], 2);
    execute(['a', 'b'], {}, { method: 'totp', result: 'success' });
    execute(['a', 'b'], {}, { method: 'sms' });
    execute(['a', 'b'], {}, { method: 'sms', result: { nested: true } });
    execute(['a', 'b'], {}, { method: 'totp' });
    execute(['a', 'b'], {}, { method: 'sms', result: 'failure' });
    expect(seen.map((o) => o.labels)).toEqual([
      { method: 'totp', result: 'success' },
      { method: 'sms', result: 'failure' },
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('skip, without a warning, an event whose tagValues function returns nothing', () => {
    const metric = counter('a.b.c', {
      tags: ['outcome'],
      // A JavaScript caller's function may return nothing, whatever the type says.
      tagValues: (metadata) => (metadata.result === undefined ? undefined : metadata) as never,
    });
    const { seen, logger } = observe([metric]);
    execute(['a', 'b'], {}, {});
    execute(['a', 'b'], {}, { outcome: 'x', result: 'y' });
    expect(seen.map((o) => o.labels)).toEqual([{ outcome: 'x' }]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('never confuse two sets whose joined values would be equal', () => {
    const { seen } = observe([counter('a.b.c', { tags: ['x', 'y'] })]);
    execute(['a', 'b'], {}, { x: 'p\u0000q', y: 'r' });
    execute(['a', 'b'], {}, { x: 'p', y: 'q\u0000r' });
    expect(seen.map((o) => o.labels)).toEqual([
      { x: 'p\u0000q', y: 'r' },
      { x: 'p', y: 'q\u0000r' },
    ]);
  });
});
