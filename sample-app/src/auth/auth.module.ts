import { Module } from '@nestjs/common';
import { ApiTokensModule } from '../api-tokens/api-tokens.module.js';
import { MailModule } from '../mail/mail.module.js';
import { SecurityModule } from '../security/security.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsModule } from './sessions.module.js';

/** Registration, login, sudo mode, logout and the caller's sessions. */
@Module({
  imports: [ApiTokensModule, MailModule, SecurityModule, SessionsModule, UsersModule],
  controllers: [AuthController, SessionsController],
  providers: [AuthService],
})
export class AuthModule {}
