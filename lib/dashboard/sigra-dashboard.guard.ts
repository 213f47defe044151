import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import type { IncomingMessage } from 'node:http';
import { bearerToken, tokenMatcher } from '../nest/bearer-token.function.js';
import { SIGRA_DASHBOARD_OPTIONS } from './sigra-dashboard.constants.js';
import type { ResolvedDashboardOptions } from './sigra-dashboard.options-validation.js';

/** The token of `Authorization: Bearer <token>`, else of `?token=<token>`. */
function presentedToken(request: IncomingMessage): string | undefined {
  const fromHeader = bearerToken(request.headers.authorization);
  if (fromHeader !== undefined) return fromHeader;
  const url = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '';
  return new URL(url, 'http://localhost').searchParams.get('token') ?? undefined;
}

/**
 * Applies the `auth` option to the page, its stream and its history: a refusal is a 401, so a
 * browser without the token sees why.
 */
@Injectable()
export class SigraDashboardAuthGuard implements CanActivate {
  private readonly matchesToken: ((presented: string | undefined) => boolean) | undefined;
  private userGuard: CanActivate | undefined;

  constructor(
    @Inject(SIGRA_DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions,
    private readonly moduleRef: ModuleRef,
  ) {
    const { auth } = options;
    this.matchesToken = auth.kind === 'token' ? tokenMatcher(auth.token) : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (await this.allows(context)) return true;
    throw new UnauthorizedException(
      'The Sigra dashboard needs credentials: open it with the link printed at start (?token=…) or as configured by its auth option.',
    );
  }

  private async allows(context: ExecutionContext): Promise<boolean> {
    const { auth } = this.options;
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    switch (auth.kind) {
      case 'none':
        return true;
      case 'token': {
        const token = presentedToken((request as { raw?: IncomingMessage }).raw ?? request);
        return this.matchesToken?.(token) === true;
      }
      case 'check':
        return (await auth.check(request)) === true;
      case 'guard': {
        this.userGuard ??= await this.resolveGuard(auth.guard);
        const verdict = this.userGuard.canActivate(context);
        return (isObservable(verdict) ? await lastValueFrom(verdict) : await verdict) === true;
      }
    }
  }

  private async resolveGuard(
    guard: Extract<ResolvedDashboardOptions['auth'], { kind: 'guard' }>['guard'],
  ): Promise<CanActivate> {
    try {
      return this.moduleRef.get(guard, { strict: false });
    } catch {
      return this.moduleRef.create(guard);
    }
  }
}
