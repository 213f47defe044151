import {
  assertEventName,
  callMetadataCallback,
  createSpanChannel,
  isChannelActive,
  runSpan,
} from '../core/core.internal.js';
import { describeValue } from '../shared/value-description.functions.js';
import type { EventName, Metadata } from '../core/index.js';
import { Observable } from 'rxjs';
import { SIGRA_SPAN_METADATA } from './sigra-telemetry.constants.js';
import { failureClassifier, isClientError, respondedStop } from './sigra-span.outcome.js';
import { SpanHandOff } from './sigra-span.hand-off.js';
import type { SigraSpanDefinition, SigraSpanOptions } from './sigra-span.metadata.js';

type AnyMethod = (this: unknown, ...args: never[]) => unknown;

const NO_METADATA: Metadata = Object.freeze({});

const SPAN_OPTION_KEYS = ['metadata', 'stopMetadata', 'contextMetadata', 'isFailure'] as const;

/**
 * Wraps a method in a span: `prefix + ['start']` when it is called, then `['stop']` or
 * `['exception']` when it returns, settles (Promise) or completes (Observable). The method keeps
 * its `this`, `name`, `length` and every Reflect metadata key, in whichever order it is stacked
 * with `@Get`, `@UseGuards`, `SetMetadata` and the like. Errors are rethrown unchanged.
 *
 * On a controller handler also covered by `SigraSpanInterceptor`, the interceptor opens the span
 * (covering pipes and the response stream) and the method does not open a second one.
 *
 * Outcomes: a method that throws what `isFailure` accepts (by default an `HttpException` with a
 * 4xx status) ends with `stop`, `result: 'failure'` and the `status`; any other error ends it
 * with `exception`. A method that returns ends with `stop` and what `stopMetadata` derives: a
 * returned value may be a refusal (`{ ok: false }`), so only `stopMetadata` can say
 * `result: 'success'` or `'failure'`. Through `SigraSpanInterceptor`, a handler that
 * responds is a success: its stop gets `result: 'success'` unless `stopMetadata` says otherwise.
 *
 * @example
 * @SigraSpan(['sigra', 'mfa', 'verify'], {
 *   metadata: (userId: number) => ({ user_id: userId, method: 'totp' }),
 *   stopMetadata: (outcome: VerifyOutcome) => ({ result: outcome.result, attempts_remaining: outcome.left }),
 * })
 * async verify(userId: number, code: string): Promise<VerifyOutcome> { … }
 * @publicApi
 */
export function SigraSpan<
  const TPrefix extends EventName,
  TArgs extends unknown[] = never[],
  TResult = never,
>(prefix: TPrefix, options: SigraSpanOptions<TArgs, TResult, TPrefix> = {}): MethodDecorator {
  assertEventName('@SigraSpan', 'prefix', prefix);
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`@SigraSpan: options must be an object, got ${describeValue(options)}.`);
  }
  // A misspelt option (`metdata`) would otherwise be ignored, and its metadata silently lost.
  const unknown = Object.keys(options).find((key) => !SPAN_OPTION_KEYS.includes(key as never));
  if (unknown !== undefined) {
    throw new TypeError(
      `@SigraSpan: unknown option ${JSON.stringify(unknown)}; known options: ${SPAN_OPTION_KEYS.join(', ')}.`,
    );
  }
  for (const key of SPAN_OPTION_KEYS) {
    if (options[key] !== undefined && typeof options[key] !== 'function') {
      throw new TypeError(
        `@SigraSpan: option ${key} must be a function, got ${describeValue(options[key])}.`,
      );
    }
  }
  const frozenPrefix: EventName = Object.freeze([...prefix]);
  return (target, propertyKey, descriptor) => {
    const original = descriptor.value as unknown;
    if (typeof original !== 'function') {
      const owner = typeof target === 'function' ? target.name : target.constructor.name;
      throw new TypeError(
        `@SigraSpan: ${owner}.${String(propertyKey)} is not a method; decorate a method (not a getter, setter or field).`,
      );
    }
    const definition: SigraSpanDefinition = {
      prefix: frozenPrefix,
      options: options as SigraSpanDefinition['options'],
      channel: createSpanChannel(frozenPrefix),
      classifyError: failureClassifier(options.isFailure ?? isClientError),
      respondedStop: respondedStop(
        options.stopMetadata as ((result: unknown) => Metadata) | undefined,
      ),
      handOff: new SpanHandOff(),
    };
    const wrapper = spanningMethod(
      original as AnyMethod,
      definition,
      declaresObservable(target, propertyKey),
    );
    copyMetadata(original, wrapper);
    Reflect.defineMetadata(SIGRA_SPAN_METADATA, definition, wrapper);
    descriptor.value = wrapper as never;
    return descriptor;
  };
}

/** The definition `@SigraSpan` recorded on a method, if any. */
export function sigraSpanDefinition(method: unknown): SigraSpanDefinition | undefined {
  return typeof method === 'function'
    ? Reflect.getMetadata(SIGRA_SPAN_METADATA, method)
    : undefined;
}

/**
 * Whether the method is declared to return an Observable (`design:returntype`, emitted under
 * `emitDecoratorMetadata` for an annotated return type): then tracers and TracingChannel
 * subscribers see one span per subscription and none for the call that creates it.
 */
function declaresObservable(target: object, propertyKey: string | symbol): boolean {
  const type: unknown = Reflect.getMetadata('design:returntype', target, propertyKey);
  return (
    typeof type === 'function' && (type === Observable || type.prototype instanceof Observable)
  );
}

function spanningMethod(
  original: AnyMethod,
  definition: SigraSpanDefinition,
  returnsObservable: boolean,
): AnyMethod {
  const { channel, classifyError, handOff, options } = definition;
  const wrapper = function (this: unknown) {
    // `arguments` rather than rest parameters: the inactive path allocates nothing.
    // eslint-disable-next-line prefer-rest-params
    const args = arguments as unknown as never[];
    if (handOff.takeOver() || !isChannelActive(channel)) return original.apply(this, args);
    const metadata =
      options.metadata === undefined
        ? NO_METADATA
        : (callMetadataCallback('metadata', channel, options.metadata, args) ?? NO_METADATA);
    const stop = options.stopMetadata;
    return runSpan(
      channel,
      metadata,
      original,
      this,
      args,
      stop === undefined ? undefined : (result: unknown) => stop(result as never, ...args),
      classifyError,
      returnsObservable,
    );
  };
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  return wrapper;
}

/**
 * Nest stores route, guard and custom metadata on the method object itself; a wrapper without it
 * would 404 its route or silently skip a roles guard.
 */
function copyMetadata(from: object, to: object): void {
  for (const key of Reflect.getOwnMetadataKeys(from)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, from), to);
  }
}
