import { Inject, Injectable } from '@nestjs/common';
import { SigraSignals, SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { CLOCK, type Clock } from '../clock/clock.js';
import { clientKey } from '../http/client-ip.js';
import { ExpiringMap } from './expiring-map.js';
import {
  MAX_TRACKED_KEYS,
  RATE_LIMITS,
  type RateLimitPolicy,
  type RateLimits,
} from './security.constants.js';

interface Window {
  readonly startedAt: number;
  count: number;
}

/**
 * Fixed-window rate limits, one per `RateLimitPolicy`, each reporting `security.rate_limited`
 * with the policy as `key_prefix`. Keys are client addresses (IPv6 by /64) or, for
 * `reset_email`, e-mail addresses; memory is bounded (see `ExpiringMap`).
 */
@Injectable()
export class RateLimitService {
  private readonly windows = new Map<RateLimitPolicy, ExpiringMap<string, Window>>();

  constructor(
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /**
   * Counts one request under `policy` for `key`, made from `ip`. Returns `undefined` when it is
   * allowed, or the seconds to wait (rounded up) when the key is over its limit.
   */
  consume(policy: RateLimitPolicy, ip: string, key = clientKey(ip)): number | undefined {
    const { limit, windowMs } = this.limits[policy];
    const now = this.clock.now();
    const windows = this.windowsOf(policy);
    let window = windows.get(key, now);
    if (window === undefined) {
      window = { startedAt: now, count: 0 };
      windows.set(key, window, now);
    }
    window.count++;
    if (window.count <= limit) return undefined;
    const retryAfter = Math.ceil((window.startedAt + windowMs - now) / 1000);
    this.telemetry.event(
      SigraSignals.security.rateLimited,
      { count: 1 },
      { ip, key_prefix: policy, retry_after: retryAfter },
    );
    return retryAfter;
  }

  /** How many keys `policy` currently tracks (for monitoring memory). */
  trackedKeys(policy: RateLimitPolicy): number {
    return this.windows.get(policy)?.size ?? 0;
  }

  private windowsOf(policy: RateLimitPolicy): ExpiringMap<string, Window> {
    let windows = this.windows.get(policy);
    if (windows === undefined) {
      windows = new ExpiringMap(this.limits[policy].windowMs, MAX_TRACKED_KEYS);
      this.windows.set(policy, windows);
    }
    return windows;
  }
}
