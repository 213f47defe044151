import type { CatalogEntry } from './catalog-entry.types.js';
import { CATALOG, UNCATALOGUED } from './catalog.data.js';
import { deepFreeze } from './deep-freeze.function.js';

type CatalogItem = (typeof CATALOG)[number];
type UncataloguedItem = (typeof UNCATALOGUED)[number];

/** `'api_token'` → `'apiToken'`. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** The members of one group: entry key → event name tuple. */
type Members<E extends CatalogEntry> = { readonly [M in E as M['key']]: M['name'] };

/** The entries of `E` of one kind. */
type OfKind<E, Kind> = Extract<E, { kind: Kind }>;

/** Catalog entries of one kind grouped by camelCased category, plus the uncatalogued group. */
type Groups<Kind extends CatalogEntry['kind']> = {
  readonly [G in CamelCase<OfKind<CatalogItem, Kind>['name'][1]>]: Members<
    InGroup<OfKind<CatalogItem, Kind>, G>
  >;
} & { readonly uncatalogued: Members<OfKind<UncataloguedItem, Kind>> };

/** The entries of `E` whose camelCased category is `G`. */
type InGroup<E extends CatalogItem, G extends string> = E extends unknown
  ? CamelCase<E['name'][1]> extends G
    ? E
    : never
  : never;

function camelCase(segment: string): string {
  return segment.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
}

function groupsOf(kind: CatalogEntry['kind']): object {
  const groups: Record<string, Record<string, CatalogEntry['name']>> = {};
  const add = (group: string, entry: CatalogEntry): void => {
    (groups[group] ??= {})[entry.key] = entry.name;
  };
  for (const entry of CATALOG) if (entry.kind === kind) add(camelCase(entry.name[1]), entry);
  for (const entry of UNCATALOGUED) if (entry.kind === kind) add('uncatalogued', entry);
  return deepFreeze(groups);
}

/**
 * Span prefixes of the catalog by category, for `span(prefix, …)` and `@SigraSpan(prefix)`:
 * each is a frozen tuple to which the span appends `start`, `stop` or `exception`.
 *
 * `SigraSpans.uncatalogued` holds the spans upstream emits without listing them
 * (`passkeysRegister`, `passkeysAuthenticate`); its default logger never logs them.
 *
 * @example
 * SigraSpans.auth.login; // ['sigra', 'auth', 'login']
 * SigraSpans.mfa.backupCodesRegenerate; // ['sigra', 'mfa', 'backup_codes', 'regenerate']
 * @publicApi
 */
export const SigraSpans = groupsOf('span') as Groups<'span'>;

/**
 * One-shot signal names of the catalog by category, each a frozen tuple and a complete event
 * name (some end in `stop`, as upstream names them: `SigraSignals.oauth.link` is
 * `['sigra', 'oauth', 'link', 'stop']`).
 *
 * `SigraSignals.uncatalogued` holds the signals upstream emits without listing them
 * (`authHashUpgraded`, `auditLog`, …); its default logger never logs them.
 *
 * @example
 * SigraSignals.security.rateLimited; // ['sigra', 'security', 'rate_limited']
 * @publicApi
 */
export const SigraSignals = groupsOf('signal') as Groups<'signal'>;
