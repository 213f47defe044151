import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock.js';

/** Provides `CLOCK` to every module, backed by the system time. */
@Global()
@Module({
  providers: [{ provide: CLOCK, useValue: systemClock }],
  exports: [CLOCK],
})
export class ClockModule {}
