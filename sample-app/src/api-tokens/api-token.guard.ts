import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { bearerToken } from '../http/bearer-token.js';
import type { HttpRequest } from '../http/http-request.js';
import type { ApiToken } from './api-token.entity.js';
import { ApiTokensService } from './api-tokens.service.js';

/** A request authenticated by an API token. */
export interface ApiTokenRequest extends HttpRequest {
  apiToken?: ApiToken;
}

/** Requires `Authorization: Bearer <API token>`. */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(private readonly tokens: ApiTokensService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ApiTokenRequest>();
    const token = bearerToken(request);
    const record = token === undefined ? undefined : this.tokens.verify(token);
    if (record === undefined) {
      throw new UnauthorizedException('A valid API token is required (Authorization: Bearer).');
    }
    request.apiToken = record;
    return true;
  }
}
