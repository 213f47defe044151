import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.js';
import { SessionGuard } from '../auth/session.guard.js';
import { SudoGuard } from '../auth/sudo.guard.js';
import type { ApiToken } from './api-token.entity.js';
import { ApiTokenGuard, type ApiTokenRequest } from './api-token.guard.js';
import { ApiTokensService } from './api-tokens.service.js';
import { CreateApiTokenDto } from './dto/create-api-token.dto.js';

/** The public view of a token record. */
function describeToken(record: ApiToken) {
  return {
    id: record.id,
    name: record.name,
    created_at: new Date(record.createdAt).toISOString(),
    expires_at: record.expiresAt === undefined ? null : new Date(record.expiresAt).toISOString(),
  };
}

/** Personal API tokens: managed with a session, used on `GET /api-tokens/whoami`. */
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  /**
   * `201 { id, name, created_at, expires_at, token }`: the only response that shows the token;
   * `403` outside sudo mode.
   */
  @Post()
  @UseGuards(SessionGuard, SudoGuard)
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateApiTokenDto) {
    const { record, token } = this.tokens.create(auth.userId, body.name, body.expires_in_days);
    return { ...describeToken(record), token };
  }

  /** `200 [{ id, name, created_at, expires_at }]`. */
  @Get()
  @UseGuards(SessionGuard)
  list(@CurrentAuth() auth: AuthContext) {
    return this.tokens.list(auth.userId).map(describeToken);
  }

  /** `200 { user_id, token_id }` for a request authenticated by an API token. */
  @Get('whoami')
  @UseGuards(ApiTokenGuard)
  whoami(@Req() request: ApiTokenRequest) {
    return { user_id: request.apiToken!.userId, token_id: request.apiToken!.id };
  }

  /** `204`; `404` when the caller has no such token. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(SessionGuard)
  revoke(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): void {
    if (!this.tokens.revoke(auth.userId, id)) throw new NotFoundException('No such API token.');
  }
}
