import { Module, type DynamicModule } from '@nestjs/common';
import { SigraTelemetryModule, type SigraTelemetryModuleOptions } from '../nest/index.js';

/**
 * `SigraTelemetryModule` set up for tests: global, default logger off (assert on captured events
 * instead of log lines), and the metadata policy in `strict` mode, so a secret in metadata fails
 * the test at the emitting call instead of being quietly redacted.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({
 *   imports: [SigraTelemetryTestingModule.forRoot()],
 *   providers: [AuthService],
 * }).compile();
 * @publicApi
 */
@Module({})
export class SigraTelemetryTestingModule {
  /** Options are merged over the test defaults. */
  static forRoot(options: SigraTelemetryModuleOptions = {}): DynamicModule {
    return {
      module: SigraTelemetryTestingModule,
      imports: [
        SigraTelemetryModule.forRoot({
          logger: false,
          metadataPolicy: { mode: 'strict' },
          ...options,
          isGlobal: true,
        }),
      ],
    };
  }
}
