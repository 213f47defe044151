import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../http/http-request.js';
import type { Session } from './session.entity.js';

/** Who is calling: set on the request by `SessionGuard`. */
export interface AuthContext {
  readonly userId: number;
  readonly session: Session;
}

/** A request that went through `SessionGuard`. */
export interface AuthenticatedRequest extends HttpRequest {
  auth?: AuthContext;
}

/** Injects the caller's `AuthContext` into a handler guarded by `SessionGuard`. */
export const CurrentAuth = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (auth === undefined) throw new Error('CurrentAuth used on a route without SessionGuard.');
  return auth;
});

/** Lets an `mfa_pending` session call the handler: MFA verification and logout. */
export const AllowMfaPending = Reflector.createDecorator<true>({ transform: () => true });
