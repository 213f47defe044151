import { Injectable } from '@nestjs/common';
import { SigraSignals, SigraTelemetryService } from '@sigra/nestjs-telemetry';

/**
 * Remembers the addresses each user logged in from and reports `security.suspicious_login` when
 * a user who has logged in before arrives from a new one.
 */
@Injectable()
export class SuspiciousLoginService {
  private readonly knownIps = new Map<number, Set<string>>();

  constructor(private readonly telemetry: SigraTelemetryService) {}

  /** Checks a successful login of `userId` from `ip`, then remembers the address. */
  check(userId: number, ip: string): void {
    const known = this.knownIps.get(userId);
    if (known === undefined) {
      this.knownIps.set(userId, new Set([ip]));
      return;
    }
    if (known.has(ip)) return;
    known.add(ip);
    this.telemetry.event(SigraSignals.security.suspiciousLogin, {}, { user_id: userId, ip });
  }
}
