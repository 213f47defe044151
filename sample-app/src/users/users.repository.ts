import type { User } from './user.entity.js';

/**
 * Where users live. The app ships `InMemoryUsersRepository` as its embedded default storage;
 * bind `USERS_REPOSITORY` to a database-backed implementation to persist users.
 */
export interface UsersRepository {
  /** Creates a user, or returns `undefined` when the e-mail address is taken. */
  create(email: string, passwordHash: string): User | undefined;
  findById(id: number): User | undefined;
  findByEmail(email: string): User | undefined;
  /** Applies `changes` to the user and returns it, or `undefined` if there is no such user. */
  update(id: number, changes: Partial<Omit<User, 'id' | 'email'>>): User | undefined;
}

/** Injection token of the `UsersRepository`. */
export const USERS_REPOSITORY = Symbol('USERS_REPOSITORY');
