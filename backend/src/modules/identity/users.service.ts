import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../common/errors/domain-error.js';
import { PasswordHasher } from './password-hasher.js';
import { assertStrongPassword } from './password-policy.js';
import { User } from './user.entity.js';

/** Accounts as other modules need them (adding a member by email creates the account). */
@Injectable()
export class UsersService {
  constructor(private readonly hasher: PasswordHasher) {}

  /** An initial password, checked against the policy and hashed (before any transaction: argon2 is slow). */
  async initialPasswordHash(password: string | undefined, email: string): Promise<string | undefined> {
    if (!password) return undefined;
    assertStrongPassword(password, email);
    return this.hasher.hash(password);
  }

  /**
   * The account of `email` in the tenant, in the caller's transaction; created when there is none,
   * which needs a name and an initial password. An email of another tenant's account is a conflict.
   */
  async findOrCreate(
    em: EntityManager,
    input: { tenantId: string; email: string; name?: string; passwordHash?: string },
  ): Promise<User> {
    const { tenantId, email, name, passwordHash } = input;
    const user = await em.findOne(User, { email });
    if (user && user.tenant.id !== tenantId) {
      throw DomainError.conflict('email', 'This email belongs to another account');
    }
    if (user) return user;
    if (!name || !passwordHash) {
      const missing = [!name && 'name', !passwordHash && 'password'].filter(Boolean) as string[];
      throw new DomainError(
        'validation_failed',
        400,
        'This email has no account yet: give a name and an initial password',
        missing.map((field) => ({
          field,
          code: 'required' as const,
          message: `${field} is needed to create the account`,
        })),
      );
    }
    return em.create(User, { tenant: tenantId, email, name, passwordHash });
  }
}
