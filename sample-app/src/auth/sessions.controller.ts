import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  UseGuards,
} from '@nestjs/common';
import { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { CurrentAuth, type AuthContext } from './auth-context.js';
import { SessionGuard } from './session.guard.js';
import { SessionsService } from './sessions.service.js';

/** The caller's own sessions. */
@Controller('auth/sessions')
@UseGuards(SessionGuard)
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  /** `200 [{ id, type, created_at, current }]`. */
  @Get()
  list(@CurrentAuth() auth: AuthContext) {
    return this.sessions.list(auth.userId).map((session) => ({
      id: session.id,
      type: session.type,
      created_at: new Date(session.createdAt).toISOString(),
      current: session.id === auth.session.id,
    }));
  }

  /**
   * `200 { revoked, api_tokens_revoked }`: signs the caller out everywhere, this session and
   * every API token included (a token minted by whoever held a session would outlive it).
   */
  @Delete()
  revokeAll(@CurrentAuth() auth: AuthContext) {
    return {
      revoked: this.sessions.revokeAll(auth.userId),
      api_tokens_revoked: this.apiTokens.revokeAll(auth.userId),
    };
  }

  /** `204`; `404` when the caller has no such session. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  delete(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): void {
    if (!this.sessions.delete(auth.userId, id)) throw new NotFoundException('No such session.');
  }
}
