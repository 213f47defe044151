/**
 * Joins an event-name tuple with `.`, the key form of `SigraSpanMap`, `SigraSignalMap` and
 * `SigraEventMap`. A name whose segments are not known at compile time gives `string`.
 *
 * @example
 * type Login = DottedName<typeof SigraSpans.auth.login>; // 'sigra.auth.login'
 * type Meta = SigraSpanMap[DottedName<['sigra', 'mfa', 'verify']>]['start'];
 * @publicApi
 */
export type DottedName<E extends readonly string[]> = E extends readonly [
  infer Head extends string,
  ...infer Rest extends readonly string[],
]
  ? Rest extends readonly []
    ? Head
    : `${Head}.${DottedName<Rest>}`
  : string;
