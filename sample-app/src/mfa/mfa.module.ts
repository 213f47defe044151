import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { UsersModule } from '../users/users.module.js';
import { MfaController } from './mfa.controller.js';
import { MfaService } from './mfa.service.js';

/** TOTP multi-factor authentication. */
@Module({
  imports: [AuthModule, UsersModule],
  controllers: [MfaController],
  providers: [MfaService],
})
export class MfaModule {}
