import { Module } from '@nestjs/common';
import { SigraTelemetryModule } from '@sigra/nestjs-telemetry';
import { ApiTokensModule } from './api-tokens/api-tokens.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './clock/clock.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { MetricsModule } from './metrics.module.js';
import { MfaModule } from './mfa/mfa.module.js';
import { PasswordResetModule } from './password-reset/password-reset.module.js';

/** The sample app: authentication features, each reporting its Sigra events. */
@Module({
  imports: [
    SigraTelemetryModule.forRoot({
      isGlobal: true,
      logger: { encode: process.env.SIGRA_LOG_FORMAT === 'json' ? 'json' : 'text' },
    }),
    ClockModule,
    AuthModule,
    MfaModule,
    PasswordResetModule,
    ApiTokensModule,
    MetricsModule,
    DashboardModule,
  ],
})
export class AppModule {}
