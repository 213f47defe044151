import { Injectable } from '@nestjs/common';
import type { User } from './user.entity.js';
import type { UsersRepository } from './users.repository.js';

/**
 * The app's embedded default storage: users in a Map, lost on restart. E-mail addresses arrive
 * canonical (see `canonicalEmail`); the lower-casing here is a second line for other callers.
 */
@Injectable()
export class InMemoryUsersRepository implements UsersRepository {
  private readonly byId = new Map<number, User>();
  private readonly idsByEmail = new Map<string, number>();
  private nextId = 1;

  create(email: string, passwordHash: string): User | undefined {
    const key = email.toLowerCase();
    if (this.idsByEmail.has(key)) return undefined;
    const user: User = { id: this.nextId++, email, passwordHash };
    this.byId.set(user.id, user);
    this.idsByEmail.set(key, user.id);
    return user;
  }

  findById(id: number): User | undefined {
    return this.byId.get(id);
  }

  findByEmail(email: string): User | undefined {
    const id = this.idsByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  update(id: number, changes: Partial<Omit<User, 'id' | 'email'>>): User | undefined {
    const user = this.byId.get(id);
    if (user !== undefined) Object.assign(user, changes);
    return user;
  }
}
