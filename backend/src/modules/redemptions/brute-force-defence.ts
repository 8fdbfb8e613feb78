import { Injectable } from '@nestjs/common';
import { type FailureBudget, FailureRateLimiter } from '../../common/http/rate-limiter.js';
import { isGuessFailure } from './redemptions.errors.js';

/**
 * Public activation page, per client address: 10 unknown or mistyped codes per minute, then a
 * lockout of 1 minute that doubles with each further lockout of the same address within a day
 * (1, 2, 4, … 60 minutes). A learner who mistypes a few times never meets it; a guesser gets at
 * most ~10 tries an hour once the lockouts have grown.
 */
export const PUBLIC_BUDGET: FailureBudget = {
  limit: 10,
  windowSeconds: 60,
  lockoutSeconds: 60,
  maxLockoutSeconds: 3600,
};

/**
 * Services (API key), per key and per calling address: 100 unknown or mistyped codes per minute,
 * then the same growing lockout. Larger than the public budget because one service relays the
 * typos of all its learners through one key and one address; a leaked key still cannot be used
 * to sweep the code space.
 */
export const SERVICE_BUDGET: FailureBudget = {
  limit: 100,
  windowSeconds: 60,
  lockoutSeconds: 60,
  maxLockoutSeconds: 3600,
};

/** Who is asking, for the failure budgets. */
export type Caller = { kind: 'public'; ip: string } | { kind: 'service'; ip: string; apiKeyId: string };

function budgetKeys(caller: Caller): { keys: string[]; budget: FailureBudget } {
  if (caller.kind === 'public') return { keys: [`redeem:public:ip:${caller.ip}`], budget: PUBLIC_BUDGET };
  return {
    keys: [`redeem:service:key:${caller.apiKeyId}`, `redeem:service:ip:${caller.ip}`],
    budget: SERVICE_BUDGET,
  };
}

/**
 * Budgets of failed look-ups (unknown and mistyped codes) in Redis, so they hold across API
 * replicas. Successes and other refusals (expired, used up) are not counted and never slowed.
 */
@Injectable()
export class BruteForceDefence {
  constructor(private readonly limiter: FailureRateLimiter) {}

  /** Refuses (429 with Retry-After) a caller that is locked out, before any database work. */
  async assertAllowed(caller: Caller): Promise<void> {
    const { keys } = budgetKeys(caller);
    await this.limiter.assertAllowed(...keys);
  }

  /**
   * Runs a look-up on behalf of a caller and counts it against the budget when it fails as a
   * guess would. The failure that exhausts the budget still gets its own answer; the next one
   * gets 429.
   */
  async guard<T>(caller: Caller, work: () => Promise<T>): Promise<T> {
    await this.assertAllowed(caller);
    try {
      return await work();
    } catch (err) {
      await this.recordIfGuess(caller, err);
      throw err;
    }
  }

  async recordIfGuess(caller: Caller, failure: unknown): Promise<void> {
    if (!isGuessFailure(failure)) return;
    const { keys, budget } = budgetKeys(caller);
    await Promise.all(keys.map((key) => this.limiter.recordFailure(key, budget)));
  }
}
