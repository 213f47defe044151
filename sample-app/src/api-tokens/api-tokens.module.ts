import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module.js';
import { ApiTokenGuard } from './api-token.guard.js';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensService } from './api-tokens.service.js';

/** Personal API tokens. Exports the service for the features that revoke them all. */
@Module({
  imports: [SessionsModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensService, ApiTokenGuard],
  exports: [ApiTokensService],
})
export class ApiTokensModule {}
