import {
  ForbiddenException,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { AuthenticatedRequest } from './auth-context.js';
import { SessionsService } from './sessions.service.js';

/**
 * Requires a session in sudo mode (its password confirmed in the last minutes), after
 * `SessionGuard`: a stolen session token alone cannot add MFA, remove it or mint API tokens.
 */
@Injectable()
export class SudoGuard implements CanActivate {
  constructor(private readonly sessions: SessionsService) {}

  canActivate(context: ExecutionContext): boolean {
    const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
    if (auth === undefined) throw new Error('SudoGuard must come after SessionGuard.');
    if (this.sessions.inSudo(auth.session)) return true;
    throw new ForbiddenException(
      'Confirm your password first (POST /auth/sudo with { password }); it is asked again after a few minutes.',
    );
  }
}
