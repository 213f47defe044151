import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module.js';
import { MailModule } from '../mail/mail.module.js';
import { SecurityModule } from '../security/security.module.js';
import { UsersModule } from '../users/users.module.js';
import { MfaController } from './mfa.controller.js';
import { MfaService } from './mfa.service.js';

/** TOTP multi-factor authentication with backup codes. */
@Module({
  imports: [MailModule, SecurityModule, SessionsModule, UsersModule],
  controllers: [MfaController],
  providers: [MfaService],
})
export class MfaModule {}
