import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { randomToken, SESSION_TOKEN_PREFIX, sha256 } from '../../common/auth/tokens.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { type FailureBudget, FailureRateLimiter } from '../../common/http/rate-limiter.js';
import { AccessResolver } from './access.resolver.js';
import { PasswordHasher } from './password-hasher.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

/** 10 wrong passwords per 15 minutes per address and per account, then 1 min, 2 min, … up to 1 h. */
export const LOGIN_BUDGET: FailureBudget = {
  limit: 10,
  windowSeconds: 15 * 60,
  lockoutSeconds: 60,
  maxLockoutSeconds: 3600,
};

export interface LoginResult {
  accessToken: string;
  expiresAt: Date;
  user: User;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly limiter: FailureRateLimiter,
    private readonly access: AccessResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const normalisedEmail = email.trim().toLowerCase();
    const keys = [`login:ip:${ip}`, `login:email:${normalisedEmail}`];
    await this.limiter.assertAllowed(...keys);

    const em = this.em.fork();
    const user = await em.findOne(User, { email: normalisedEmail });
    const ok = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyNothing(password);
    if (!user || !ok) {
      const lockouts = await Promise.all(keys.map((key) => this.limiter.recordFailure(key, LOGIN_BUDGET)));
      const lockout = Math.max(0, ...lockouts.map((l) => l ?? 0));
      if (lockout) throw this.limiter.tooMany(lockout);
      throw new DomainError('invalid_credentials', 401, 'Wrong email or password');
    }

    const accessToken = SESSION_TOKEN_PREFIX + randomToken(32);
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlHours * 3600_000);
    em.create(Session, { user, tokenHash: sha256(accessToken), expiresAt });
    await em.flush();
    return { accessToken, expiresAt, user };
  }

  async logout(token: string): Promise<void> {
    const tokenHash = sha256(token);
    await this.em.fork().nativeDelete(Session, { tokenHash });
    this.access.forget({ tokenHash });
  }
}
