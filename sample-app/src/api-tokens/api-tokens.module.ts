import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ApiTokenGuard } from './api-token.guard.js';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensService } from './api-tokens.service.js';

/** Personal API tokens. */
@Module({
  imports: [AuthModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensService, ApiTokenGuard],
})
export class ApiTokensModule {}
