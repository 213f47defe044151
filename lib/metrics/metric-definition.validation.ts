import { describeSetting } from '../shared/value-description.functions.js';
import type {
  MetricDefinition,
  MetricOptions,
  MetricReporterOptions,
  MetricType,
  MetricUnitConversion,
} from './metric-definition.types.js';
import { forbiddenTagReason, unboundedTagReason } from './metric-tag.rules.js';
import {
  isMetricUnit,
  METRIC_UNITS,
  type MetricUnit,
  unitConversion,
} from './metric-units.functions.js';

const NAME_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROMETHEUS_NAME = /^[A-Za-z_:][A-Za-z0-9_:]*$/;
const OPTION_KEYS: ReadonlySet<string> = new Set<keyof MetricOptions>([
  'eventName',
  'measurement',
  'tags',
  'tagValues',
  'keep',
  'drop',
  'unit',
  'description',
  'reporterOptions',
  'unboundedTags',
]);
const REPORTER_OPTION_KEYS: ReadonlySet<string> = new Set<keyof MetricReporterOptions>([
  'buckets',
  'prometheusName',
]);

/** Builds the TypeErrors of one declaration: each names the metric, the option and the fix. */
class DeclarationErrors {
  constructor(
    private readonly type: MetricType,
    private readonly name: unknown,
  ) {}

  error(option: string, problem: string, fix: string): TypeError {
    return new TypeError(
      `${this.type}(${describeSetting(this.name)}): ${option} ${problem}. ${fix}`,
    );
  }
}

/** Refuses keys outside `allowed`, so a typo never passes silently. */
function refuseUnknownKeys(
  errors: DeclarationErrors,
  option: string,
  value: object,
  allowed: ReadonlySet<string>,
): void {
  const unknown = Object.keys(value).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw errors.error(
      option,
      `has unknown keys ${describeSetting(unknown)}`,
      `Use only ${[...allowed].join(', ')}.`,
    );
  }
}

function stringList(errors: DeclarationErrors, option: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw errors.error(
      option,
      `must be an array of non-empty strings, got ${describeSetting(value)}`,
      `Pass metadata key names, for example ['result'].`,
    );
  }
  if (new Set(value).size !== value.length) {
    throw errors.error(
      option,
      `lists a key twice: ${describeSetting(value)}`,
      'List each key once.',
    );
  }
  return [...(value as string[])];
}

function optionalFunction<T>(errors: DeclarationErrors, option: string, value: T): T {
  if (value !== undefined && typeof value !== 'function') {
    throw errors.error(
      option,
      `must be a function, got ${describeSetting(value)}`,
      `Pass a function or leave ${option} out.`,
    );
  }
  return value;
}

function parseName(errors: DeclarationErrors, name: unknown): string[] {
  const segments = typeof name === 'string' ? name.split('.') : [];
  if (segments.length < 2 || !segments.every((segment) => NAME_SEGMENT.test(segment))) {
    throw errors.error(
      'the name',
      'must be dotted segments of letters, digits and underscores, at least two (the event and the measurement)',
      `For example 'sigra.auth.login.stop.duration'.`,
    );
  }
  return segments;
}

function parseEventName(errors: DeclarationErrors, value: unknown, segments: string[]): string[] {
  if (value === undefined) return segments.slice(0, -1);
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((segment) => typeof segment !== 'string' || segment === '')
  ) {
    throw errors.error(
      'eventName',
      `must be a non-empty array of non-empty strings, got ${describeSetting(value)}`,
      `For example ['sigra', 'auth', 'login', 'stop'].`,
    );
  }
  return [...(value as string[])];
}

function parseMeasurement(
  errors: DeclarationErrors,
  value: unknown,
  segments: string[],
): MetricDefinition['measurement'] {
  if (value === undefined) return segments.at(-1) as string;
  if ((typeof value === 'string' && value !== '') || typeof value === 'function') {
    return value as MetricDefinition['measurement'];
  }
  throw errors.error(
    'measurement',
    `must be a measurement key or a function (measurements, metadata) => number, got ${describeSetting(value)}`,
    `For example 'duration'.`,
  );
}

function parseUnit(
  errors: DeclarationErrors,
  value: unknown,
): { unit: MetricUnit; unitConversion: MetricUnitConversion | undefined } {
  const known = `Use one of ${METRIC_UNITS.join(', ')}`;
  if (value === undefined) return { unit: 'unit', unitConversion: undefined };
  if (typeof value === 'string') {
    if (!isMetricUnit(value)) {
      throw errors.error('unit', `is unknown: ${describeSetting(value)}`, `${known}.`);
    }
    return { unit: value, unitConversion: undefined };
  }
  const { from, to } = (value ?? {}) as { from?: unknown; to?: unknown };
  if (typeof value !== 'object' || value === null || !isMetricUnit(from) || !isMetricUnit(to)) {
    throw errors.error(
      'unit',
      `must be a unit or { from, to } with known units, got ${describeSetting(value)}`,
      `${known}, for example { from: 'native', to: 'second' }.`,
    );
  }
  if (unitConversion(from, to) === undefined) {
    throw errors.error(
      'unit',
      `cannot convert ${from} to ${to}`,
      'Convert between two time units or between two byte units.',
    );
  }
  return { unit: to, unitConversion: Object.freeze({ from, to }) };
}

function parseBuckets(
  errors: DeclarationErrors,
  type: MetricType,
  value: unknown,
): readonly number[] | undefined {
  if (value === undefined) return undefined;
  if (type !== 'distribution') {
    throw errors.error(
      'reporterOptions.buckets',
      `applies to distribution only, not to ${type}`,
      'Declare a distribution, or remove buckets.',
    );
  }
  const numbers =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((bound) => typeof bound === 'number' && Number.isFinite(bound));
  if (!numbers) {
    throw errors.error(
      'reporterOptions.buckets',
      `must be a non-empty array of finite numbers, got ${describeSetting(value)}`,
      'For example [0.01, 0.1, 1] (+Inf is added by the reporter).',
    );
  }
  const bounds = value as number[];
  if (bounds.some((bound, i) => i > 0 && bound <= (bounds[i - 1] as number))) {
    throw errors.error(
      'reporterOptions.buckets',
      `must be strictly ascending, got ${describeSetting(value)}`,
      'Sort the bounds and remove duplicates.',
    );
  }
  return Object.freeze([...bounds]);
}

function parseReporterOptions(
  errors: DeclarationErrors,
  type: MetricType,
  value: unknown,
): MetricReporterOptions {
  if (value === undefined) return Object.freeze({});
  if (typeof value !== 'object' || value === null) {
    throw errors.error(
      'reporterOptions',
      `must be an object, got ${describeSetting(value)}`,
      'Pass { buckets?, prometheusName? }.',
    );
  }
  refuseUnknownKeys(errors, 'reporterOptions', value, REPORTER_OPTION_KEYS);
  const { buckets, prometheusName } = value as Record<string, unknown>;
  if (
    prometheusName !== undefined &&
    (typeof prometheusName !== 'string' || !PROMETHEUS_NAME.test(prometheusName))
  ) {
    throw errors.error(
      'reporterOptions.prometheusName',
      `is not a valid Prometheus metric name: ${describeSetting(prometheusName)}`,
      'Use letters, digits, underscores and colons, not starting with a digit.',
    );
  }
  const options: { buckets?: readonly number[]; prometheusName?: string } = {};
  const bounds = parseBuckets(errors, type, buckets);
  if (bounds !== undefined) options.buckets = bounds;
  if (prometheusName !== undefined) options.prometheusName = prometheusName as string;
  return Object.freeze(options);
}

/** Refuses tags the policy forbids, and unbounded identity tags not listed in `unboundedTags`. */
function checkTags(errors: DeclarationErrors, tags: string[], unboundedTags: string[]): void {
  for (const tag of unboundedTags) {
    if (!tags.includes(tag)) {
      throw errors.error(
        'unboundedTags',
        `lists ${JSON.stringify(tag)}, which is not in tags`,
        'List only declared tags.',
      );
    }
  }
  for (const tag of tags) {
    const forbidden = forbiddenTagReason(tag);
    if (forbidden !== undefined) {
      throw errors.error(
        'tags',
        `includes ${JSON.stringify(tag)}, which the metadata policy forbids (${forbidden})`,
        'A label must never carry a secret: remove the tag, or add the key to the policy allowKeys if it really carries none.',
      );
    }
    const unbounded = unboundedTagReason(tag);
    if (unbounded !== undefined && !unboundedTags.includes(tag)) {
      throw errors.error(
        'tags',
        `includes ${unbounded}: one time series per value would exhaust the metrics backend`,
        `Tag a bounded property instead, or opt in with unboundedTags: [${JSON.stringify(tag)}].`,
      );
    }
  }
}

/** Validates one declaration and returns its frozen definition. */
export function buildDefinition(
  type: MetricType,
  name: unknown,
  options: MetricOptions | undefined,
): MetricDefinition {
  const errors = new DeclarationErrors(type, name);
  const segments = parseName(errors, name);
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw errors.error(
      'options',
      `must be an object, got ${describeSetting(options)}`,
      'Pass an options object or leave it out.',
    );
  }
  const given = (options ?? {}) as Record<string, unknown>;
  refuseUnknownKeys(errors, 'options', given, OPTION_KEYS);
  if (given.keep !== undefined && given.drop !== undefined) {
    throw errors.error('keep', 'and drop exclude each other', 'Declare one predicate.');
  }
  if (given.description !== undefined && typeof given.description !== 'string') {
    throw errors.error(
      'description',
      `must be a string, got ${describeSetting(given.description)}`,
      'Describe the metric in a sentence, or leave description out.',
    );
  }
  const tags = stringList(errors, 'tags', given.tags);
  const unboundedTags = stringList(errors, 'unboundedTags', given.unboundedTags);
  checkTags(errors, tags, unboundedTags);
  const definition: MetricDefinition = Object.freeze({
    type,
    name: name as string,
    eventName: Object.freeze(parseEventName(errors, given.eventName, segments)),
    measurement: parseMeasurement(errors, given.measurement, segments),
    tags: Object.freeze(tags),
    tagValues: optionalFunction(errors, 'tagValues', given.tagValues as MetricOptions['tagValues']),
    keep: optionalFunction(errors, 'keep', given.keep as MetricOptions['keep']),
    drop: optionalFunction(errors, 'drop', given.drop as MetricOptions['drop']),
    ...parseUnit(errors, given.unit),
    description: given.description as string | undefined,
    reporterOptions: parseReporterOptions(errors, type, given.reporterOptions),
    unboundedTags: Object.freeze(unboundedTags),
  });
  DECLARED.add(definition);
  return definition;
}

/** Definitions made by the declaration functions, so reporters can refuse look-alikes. */
const DECLARED = new WeakSet<MetricDefinition>();

/** True for a definition made by `counter`, `sum`, `lastValue`, `summary` or `distribution`. */
function isMetricDefinition(value: unknown): value is MetricDefinition {
  return typeof value === 'object' && value !== null && DECLARED.has(value as MetricDefinition);
}

/** Refuses anything but an array of declared definitions, naming the function that got it. */
export function assertMetricDefinitions(
  fn: string,
  value: unknown,
): asserts value is readonly MetricDefinition[] {
  if (!Array.isArray(value) || !value.every(isMetricDefinition)) {
    throw new TypeError(
      `${fn}: metrics must be an array of definitions made by counter(), sum(), lastValue(), summary(), distribution() or sigraMetrics(), got ${describeSetting(value)}.`,
    );
  }
}
