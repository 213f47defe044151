import { Inject, Injectable } from '@nestjs/common';
import { SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { LOGIN_RATE_LIMIT, type LoginRateLimitOptions } from './security.constants.js';

interface Window {
  startedAt: number;
  count: number;
}

/** Fixed-window rate limit of login attempts per IP, reporting `security.rate_limited`. */
@Injectable()
export class LoginRateLimitService {
  private readonly windows = new Map<string, Window>();

  constructor(
    @Inject(LOGIN_RATE_LIMIT) private readonly options: LoginRateLimitOptions,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /**
   * Counts one attempt from `ip`. Returns `undefined` when it is allowed, or the seconds to wait
   * (rounded up) when the IP is over its limit.
   */
  consume(ip: string, now = Date.now()): number | undefined {
    this.forgetExpired(now);
    let window = this.windows.get(ip);
    if (window === undefined) {
      window = { startedAt: now, count: 0 };
      this.windows.set(ip, window);
    }
    window.count++;
    if (window.count <= this.options.limit) return undefined;
    const retryAfter = Math.ceil((window.startedAt + this.options.windowMs - now) / 1000);
    this.telemetry.event(
      ['sigra', 'security', 'rate_limited'],
      { count: 1 },
      { ip, key_prefix: 'login', retry_after: retryAfter },
    );
    return retryAfter;
  }

  /** Drops finished windows, so that the map does not grow with every IP ever seen. */
  private forgetExpired(now: number): void {
    for (const [ip, window] of this.windows) {
      if (now - window.startedAt >= this.options.windowMs) this.windows.delete(ip);
    }
  }
}
