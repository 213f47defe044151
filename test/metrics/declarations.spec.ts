import { describe, expect, it } from 'vitest';
import { setMetadataPolicy } from '../../lib/core/index.js';
import {
  counter,
  distribution,
  lastValue,
  sum,
  summary,
  type MetricOptions,
} from '../../lib/metrics/index.js';

const measure = (measurements: Record<string, unknown>) => measurements.count;

describe('declarations', () => {
  it('derive the event and the measurement from the name', () => {
    const metric = distribution('sigra.auth.login.stop.duration');
    expect(metric).toMatchObject({
      type: 'distribution',
      name: 'sigra.auth.login.stop.duration',
      eventName: ['sigra', 'auth', 'login', 'stop'],
      measurement: 'duration',
      tags: [],
      unit: 'unit',
      unitConversion: undefined,
      reporterOptions: {},
    });
  });

  it('give each function its telemetry_metrics type', () => {
    const types = [counter, sum, lastValue, summary, distribution].map((fn) => fn('a.b').type);
    expect(types).toEqual(['counter', 'sum', 'last_value', 'summary', 'distribution']);
  });

  it('take eventName and measurement overrides', () => {
    const metric = sum('sigra.tokens.revoked', {
      eventName: ['sigra', 'api_token', 'revoke_all', 'stop'],
      measurement: measure,
    });
    expect(metric.eventName).toEqual(['sigra', 'api_token', 'revoke_all', 'stop']);
    expect(metric.measurement).toBe(measure);
    expect(sum('a.b', { measurement: 'count' }).measurement).toBe('count');
  });

  it('are frozen, down to their lists and options', () => {
    const metric = distribution('a.b', {
      tags: ['result'],
      unit: { from: 'native', to: 'second' },
      reporterOptions: { buckets: [1, 2] },
    });
    expect(Object.isFrozen(metric)).toBe(true);
    expect(Object.isFrozen(metric.eventName)).toBe(true);
    expect(Object.isFrozen(metric.tags)).toBe(true);
    expect(Object.isFrozen(metric.unitConversion)).toBe(true);
    expect(Object.isFrozen(metric.reporterOptions)).toBe(true);
    expect(Object.isFrozen(metric.reporterOptions.buckets)).toBe(true);
  });

  it('copy the caller arrays, so changing them later changes nothing', () => {
    const tags = ['result'];
    const buckets = [1, 2];
    const metric = distribution('a.b', { tags, reporterOptions: { buckets } });
    tags.push('method');
    buckets.push(3);
    expect(metric.tags).toEqual(['result']);
    expect(metric.reporterOptions.buckets).toEqual([1, 2]);
  });

  it('record the reported unit and the conversion', () => {
    expect(lastValue('a.b', { unit: 'megabyte' })).toMatchObject({
      unit: 'megabyte',
      unitConversion: undefined,
    });
    expect(summary('a.b', { unit: { from: 'byte', to: 'kilobyte' } })).toMatchObject({
      unit: 'kilobyte',
      unitConversion: { from: 'byte', to: 'kilobyte' },
    });
  });
});

describe('invalid declarations throw a TypeError naming the metric, the option and the fix', () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      'a name with one segment',
      () => counter('login'),
      /counter\('login'\): the name .*at least two.*For example/,
    ],
    ['a name with an empty segment', () => counter('a..b'), /the name must be dotted segments/],
    ['a name that is not a string', () => counter(42 as never), /counter\(42\): the name/],
    [
      'an unknown unit',
      () => sum('a.b', { unit: 'hour' as never }),
      /sum\('a\.b'\): unit is unknown: 'hour'\. Use one of native,.*megabyte/,
    ],
    [
      'a conversion across kinds',
      () => sum('a.b', { unit: { from: 'second', to: 'byte' } }),
      /unit cannot convert second to byte\. Convert between two time units/,
    ],
    [
      'a conversion with an unknown unit',
      () => sum('a.b', { unit: { from: 'native', to: 'hours' } as never }),
      /unit must be a unit or \{ from, to \}/,
    ],
    [
      'unsorted buckets',
      () => distribution('a.b', { reporterOptions: { buckets: [1, 0.5] } }),
      /distribution\('a\.b'\): reporterOptions\.buckets must be strictly ascending.*Sort the bounds/,
    ],
    [
      'duplicate buckets',
      () => distribution('a.b', { reporterOptions: { buckets: [1, 1] } }),
      /strictly ascending/,
    ],
    [
      'non-numeric buckets',
      () => distribution('a.b', { reporterOptions: { buckets: [1, '2'] as never } }),
      /buckets must be a non-empty array of finite numbers/,
    ],
    [
      'infinite buckets',
      () => distribution('a.b', { reporterOptions: { buckets: [1, Infinity] } }),
      /finite numbers.*\+Inf is added by the reporter/,
    ],
    [
      'buckets on a counter',
      () => counter('a.b', { reporterOptions: { buckets: [1] } }),
      /buckets applies to distribution only, not to counter/,
    ],
    [
      'a bad Prometheus name',
      () => counter('a.b', { reporterOptions: { prometheusName: '1bad-name' } }),
      /prometheusName is not a valid Prometheus metric name/,
    ],
    [
      'an unknown reporter option',
      () => counter('a.b', { reporterOptions: { bucket: [1] } as never }),
      /reporterOptions has unknown keys \[ 'bucket' \]\. Use only buckets, prometheusName/,
    ],
    [
      'an unknown option',
      () => counter('a.b', { tag: ['x'] } as never),
      /options has unknown keys \[ 'tag' \]/,
    ],
    [
      'both keep and drop',
      () => counter('a.b', { keep: () => true, drop: () => false }),
      /keep and drop exclude each other\. Declare one predicate/,
    ],
    [
      'a keep that is not a function',
      () => counter('a.b', { keep: true } as never),
      /keep must be a function, got true/,
    ],
    [
      'a measurement of the wrong type',
      () => sum('a.b', { measurement: 3 } as never),
      /measurement must be a measurement key or a function/,
    ],
    [
      'tags that are not strings',
      () => counter('a.b', { tags: [1] } as never),
      /tags must be an array of non-empty strings/,
    ],
    ['a tag listed twice', () => counter('a.b', { tags: ['x', 'x'] }), /tags lists a key twice/],
    [
      'a bad eventName',
      () => counter('a.b', { eventName: [] }),
      /eventName must be a non-empty array/,
    ],
    [
      'unboundedTags naming an undeclared tag',
      () => counter('a.b', { unboundedTags: ['user_id'] }),
      /unboundedTags lists "user_id", which is not in tags/,
    ],
  ];
  it.each(cases)('%s', (_, declare, message) => {
    expect(declare).toThrow(TypeError);
    expect(declare).toThrow(message);
  });
});

describe('cardinality rules at declaration', () => {
  it.each([
    'user_id',
    'userId',
    'ip',
    'client_ip',
    'telemetry_span_context',
    'family_id',
    'token_id',
    'request_id',
  ])('refuses the unbounded tag %s, saying why and how to opt in', (tag) => {
    expect(() => counter('a.b', { tags: [tag] })).toThrow(
      new RegExp(
        `tags includes "${tag}".*one time series per value.*unboundedTags: \\["${tag}"\\]`,
      ),
    );
  });

  it('accepts an unbounded identity tag the declaration opts in to', () => {
    const metric = counter('a.b', { tags: ['user_id'], unboundedTags: ['user_id'] });
    expect(metric.tags).toEqual(['user_id']);
    expect(metric.unboundedTags).toEqual(['user_id']);
  });

  it.each([
    'password',
    'passwordHash',
    'totp_code',
    'session_id',
    'clientSecret',
    'api_key',
    'email',
    'refresh_token',
  ])('refuses the tag %s, which the metadata policy forbids, even with unboundedTags', (tag) => {
    const options: MetricOptions = { tags: [tag], unboundedTags: [tag] };
    expect(() => counter('a.b', options)).toThrow(
      /which the metadata policy forbids \(the key names/,
    );
  });

  it('follows the policy in force: denyKeys refuse a tag, allowKeys accept one', () => {
    const previous = setMetadataPolicy({ denyKeys: ['tenant'], allowKeys: ['session_key'] });
    try {
      expect(() => counter('a.b', { tags: ['tenant'] })).toThrow(/metadata policy forbids/);
      expect(counter('a.b', { tags: ['session_key'] }).tags).toEqual(['session_key']);
    } finally {
      setMetadataPolicy(previous);
    }
    expect(() => counter('a.b', { tags: ['session_key'] })).toThrow(/metadata policy forbids/);
  });

  it('still refuses a *_token tag the policy allows, as unbounded', () => {
    const previous = setMetadataPolicy({ allowKeys: ['csrf_token'] });
    try {
      expect(() => counter('a.b', { tags: ['csrf_token'] })).toThrow(
        /"csrf_token" ends in _token, so it names one token/,
      );
    } finally {
      setMetadataPolicy(previous);
    }
  });

  it('accepts the bounded tags of the Sigra set', () => {
    expect(
      counter('a.b', { tags: ['result', 'method', 'type', 'span', 'event', 'provider'] }).tags,
    ).toHaveLength(6);
  });
});
