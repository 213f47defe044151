import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken } from '../http/bearer-token.js';
import { AllowMfaPending, type AuthenticatedRequest } from './auth-context.js';
import { SessionsService } from './sessions.service.js';

/** Requires `Authorization: Bearer <session token>` and a session that has passed MFA. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsService,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    const session = token === undefined ? undefined : this.sessions.authenticate(token);
    if (session === undefined) {
      throw new UnauthorizedException('A valid session token is required (Authorization: Bearer).');
    }
    if (
      session.type === 'mfa_pending' &&
      !this.reflector.get(AllowMfaPending, context.getHandler())
    ) {
      throw new ForbiddenException('Complete MFA verification first (POST /mfa/verify).');
    }
    request.auth = { userId: session.userId, session };
    return true;
  }
}
