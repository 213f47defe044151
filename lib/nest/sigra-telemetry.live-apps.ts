import { setCoreLogger, setMetadataPolicy, type CoreLogger } from '../core/index.js';
import type { MetadataPolicyMode, MetadataPolicyOptions } from '../policy/index.js';

/** What one live app asks of the process: its metadata policy. */
export interface AppClaim {
  readonly policy: MetadataPolicyOptions;
}

interface LiveApps {
  readonly claims: Set<AppClaim>;
  /** The process settings before the first live app started, put back when the last closes. */
  before: { readonly policy: MetadataPolicyOptions; readonly coreLogger: CoreLogger } | undefined;
}

/** Shared by every copy of this package in the process, like the core registry. */
const LIVE_APPS_KEY = Symbol.for('@sigra/nestjs-telemetry/live-apps@1');
const globalSlot = globalThis as { [LIVE_APPS_KEY]?: LiveApps };
const live: LiveApps = (globalSlot[LIVE_APPS_KEY] ??= { claims: new Set(), before: undefined });

const MODE_STRENGTH: Record<MetadataPolicyMode, number> = { off: 0, redact: 1, strict: 2 };

/**
 * The policy that weakens none of `policies`: the strictest mode; every key any of them denies;
 * only the keys all of them allow (a key one app exempts from redaction stays protected for the
 * others). Key names are compared as written: spellings that differ never intersect, which errs
 * on the side of redaction. One policy is returned as it is.
 */
export function strictestPolicy(policies: readonly MetadataPolicyOptions[]): MetadataPolicyOptions {
  if (policies.length === 1) return policies[0]!;
  let mode: MetadataPolicyMode = 'off';
  const denyKeys = new Set<string>();
  let allowKeys: readonly string[] | undefined;
  for (const policy of policies) {
    const own = policy.mode ?? 'redact';
    if (MODE_STRENGTH[own] > MODE_STRENGTH[mode]) mode = own;
    for (const key of policy.denyKeys ?? []) denyKeys.add(key);
    const allowed = policy.allowKeys ?? [];
    allowKeys =
      allowKeys === undefined ? allowed : allowKeys.filter((key) => allowed.includes(key));
  }
  return { mode, denyKeys: [...denyKeys], allowKeys: [...new Set(allowKeys)] };
}

/**
 * Registers a starting app: the process policy becomes the strictest of all live apps' (see
 * {@link strictestPolicy}), and the first app routes core reports to `coreLogger`. Throws, changing
 * nothing, if the policy is invalid.
 */
export function joinProcess(policy: MetadataPolicyOptions, coreLogger: CoreLogger): AppClaim {
  const claim: AppClaim = { policy };
  const combined = strictestPolicy([...live.claims, claim].map((other) => other.policy));
  const previousPolicy = setMetadataPolicy(combined);
  if (live.claims.size === 0) {
    live.before = { policy: previousPolicy, coreLogger: setCoreLogger(coreLogger) };
  }
  live.claims.add(claim);
  return claim;
}

/**
 * Unregisters a closing app: the others keep the strictest of their own policies; after the last
 * one the process policy and core logger are the ones in force before the first started.
 */
export function leaveProcess(claim: AppClaim): void {
  if (!live.claims.delete(claim)) return;
  if (live.claims.size !== 0) {
    setMetadataPolicy(strictestPolicy([...live.claims].map((other) => other.policy)));
    return;
  }
  const { policy, coreLogger } = live.before!;
  live.before = undefined;
  setMetadataPolicy(policy);
  setCoreLogger(coreLogger);
}
