import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error.js';
import { REDIS } from '../queue/redis.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/** The longest remaining time to live of the given keys, in ms (negative when none exists). */
const LONGEST_PTTL = (() => {
  const lua = `local longest = -2
for _, key in ipairs(KEYS) do
  local ttl = redis.call('PTTL', key)
  if ttl > longest then longest = ttl end
end
return longest`;
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
})();

export interface FailureBudget {
  /** Failures allowed within the window before the key is locked out. */
  limit: number;
  windowSeconds: number;
  /** First lockout; each further lockout of the same key within a day doubles it. */
  lockoutSeconds: number;
  maxLockoutSeconds: number;
}

/**
 * Counts failures per key in Redis, so the budget holds across API replicas. Successes are never
 * counted or slowed. A key over budget is locked for a growing time and answers 429.
 */
@Injectable()
export class FailureRateLimiter {
  private readonly ns: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Namespaced like the queues, so two installations (or test runs) sharing a Redis stay apart.
    this.ns = `${config.queue.prefix}:rl`;
  }

  /**
   * Throws 429 when any of the keys is locked out; one Redis command whatever their number (a
   * script returning the longest remaining lockout, cheaper per call than a pipeline of PTTLs).
   */
  async assertAllowed(...keys: string[]): Promise<void> {
    if (!keys.length) return;
    const locks = keys.map((key) => `${this.ns}:lock:${key}`);
    const longest = Number(
      await this.redis.evalsha(LONGEST_PTTL.sha, locks.length, ...locks).catch((err: Error) => {
        // First call on this Redis (or after SCRIPT FLUSH): send the script, which caches it.
        if (!err.message.startsWith('NOSCRIPT')) throw err;
        return this.redis.eval(LONGEST_PTTL.lua, locks.length, ...locks);
      }),
    );
    if (longest > 0) throw this.tooMany(Math.ceil(longest / 1000));
  }

  /** Records one failure; returns the lockout in seconds if this failure exhausted the budget. */
  async recordFailure(key: string, budget: FailureBudget): Promise<number | null> {
    const counter = `${this.ns}:fail:${key}`;
    const [[, count]] = (await this.redis
      .multi()
      .incr(counter)
      .expire(counter, budget.windowSeconds, 'NX')
      .exec()) as [[unknown, number], unknown];
    if (count < budget.limit) return null;
    const strikesKey = `${this.ns}:strikes:${key}`;
    const strikes = await this.redis.incr(strikesKey);
    await this.redis.expire(strikesKey, 86_400);
    const lockout = Math.min(budget.lockoutSeconds * 2 ** (strikes - 1), budget.maxLockoutSeconds);
    await this.redis.multi().set(`${this.ns}:lock:${key}`, '1', 'EX', lockout).del(counter).exec();
    return lockout;
  }

  tooMany(retryAfterSeconds: number): DomainError {
    return new DomainError(
      'rate_limited',
      429,
      `Too many failed attempts. Try again in ${retryAfterSeconds} seconds.`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
