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
import { CurrentAuth, type AuthContext } from './auth-context.js';
import { SessionGuard } from './session.guard.js';
import { SessionsService } from './sessions.service.js';

/** The caller's own sessions. */
@Controller('auth/sessions')
@UseGuards(SessionGuard)
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  /** `200 [{ id, type, created_at, current }]`. */
  @Get()
  list(@CurrentAuth() auth: AuthContext) {
    return this.sessions.list(auth.userId).map((session) => ({
      id: session.id,
      type: session.type,
      created_at: session.createdAt.toISOString(),
      current: session.id === auth.session.id,
    }));
  }

  /** `200 { revoked }`: ends every session of the caller, this one included. */
  @Delete()
  revokeAll(@CurrentAuth() auth: AuthContext): { revoked: number } {
    return { revoked: this.sessions.revokeAll(auth.userId) };
  }

  /** `204`; `404` when the caller has no such session. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  delete(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): void {
    if (!this.sessions.delete(auth.userId, id)) throw new NotFoundException('No such session.');
  }
}
