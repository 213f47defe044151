import { Module } from '@nestjs/common';
import { InMemoryUsersRepository } from './in-memory-users.repository.js';
import { USERS_REPOSITORY } from './users.repository.js';

/** Provides `USERS_REPOSITORY`, backed by the embedded in-memory storage. */
@Module({
  providers: [{ provide: USERS_REPOSITORY, useClass: InMemoryUsersRepository }],
  exports: [USERS_REPOSITORY],
})
export class UsersModule {}
