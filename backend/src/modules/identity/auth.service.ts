import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { PrincipalCache } from '../../common/auth/principal-cache.js';
import { randomToken, SESSION_TOKEN_PREFIX, sha256 } from '../../common/auth/tokens.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { FailureRateLimiter, type FailureRule } from '../../common/http/rate-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

const LOCKOUT = { lockoutSeconds: 60, maxLockoutSeconds: 3600 };

/**
 * Wrong passwords (limits from config, defaults in brackets), each lockout 1 min, 2 min, … 1 h:
 * - per account and address [10 in 15 min]: that account is locked for that address only; the
 *   owner signing in from anywhere else is not affected;
 * - per address over all accounts [30 in 15 min]: one address trying many accounts;
 * - per account over all addresses [50 in an hour]: a sweep from many addresses. The account is
 *   not locked — its owner still signs in from an address that has not failed — but every address
 *   then locks for it on its first wrong password.
 */
function loginRules(limits: AppConfig['auth']['loginFailures'], email: string, ip: string): FailureRule[] {
  return [
    {
      key: `login:account:${email}:ip:${ip}`,
      budget: { limit: limits.perAccountAddress, windowSeconds: 15 * 60, ...LOCKOUT },
      wide: { key: `login:account:${email}`, limit: limits.perAccount, windowSeconds: 3600 },
    },
    { key: `login:ip:${ip}`, budget: { limit: limits.perAddress, windowSeconds: 15 * 60, ...LOCKOUT } },
  ];
}

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
    private readonly principals: PrincipalCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const normalisedEmail = email.trim().toLowerCase();
    const rules = loginRules(this.config.auth.loginFailures, normalisedEmail, ip);
    await this.limiter.assertAllowed(...rules.map((rule) => rule.key));

    const em = this.em.fork();
    const user = await em.findOne(User, { email: normalisedEmail });
    const ok = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyNothing(password);
    if (!user || !ok) {
      const lockout = await this.limiter.recordFailures(rules);
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
    this.principals.forget({ tokenHash });
  }

  /** Who holds the session with this token hash, if it has not expired (the guard's look-up). */
  async sessionPrincipal(tokenHash: string): Promise<UserPrincipal | null> {
    const session = await this.em
      .fork()
      .findOne(Session, { tokenHash, expiresAt: { $gt: new Date() } }, { populate: ['user'] });
    if (!session) return null;
    const { user } = session;
    return { kind: 'user', userId: user.id, tenantId: user.tenant.id, email: user.email, name: user.name };
  }
}
