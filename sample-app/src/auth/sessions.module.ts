import { Module } from '@nestjs/common';
import { SessionGuard } from './session.guard.js';
import { SessionsService } from './sessions.service.js';
import { SudoGuard } from './sudo.guard.js';

/** Login sessions and the guards that require one (and sudo mode). */
@Module({
  providers: [SessionsService, SessionGuard, SudoGuard],
  exports: [SessionsService, SessionGuard, SudoGuard],
})
export class SessionsModule {}
