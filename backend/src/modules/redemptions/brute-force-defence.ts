import { Injectable } from '@nestjs/common';
import { type FailureBudget, FailureRateLimiter, type FailureRule } from '../../common/http/rate-limiter.js';
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
 * Services (API key), per key and calling address: 100 unknown or mistyped codes per minute, then
 * the same growing lockout — of that key from that address only. Larger than the public budget
 * because one service relays the typos of all its learners through one key and one address. A lock
 * never reaches another address or another key, so a client going wrong on one replica (or a
 * neighbour behind the same address) cannot shut a service out.
 */
export const SERVICE_BUDGET: FailureBudget = {
  limit: 100,
  windowSeconds: 60,
  lockoutSeconds: 60,
  maxLockoutSeconds: 3600,
};

/**
 * Per key over all addresses: past 1,000 failures in 10 minutes the key is being swept from many
 * addresses (a leaked key). It is not locked — a valid code from an address that has not failed
 * still redeems — but each address of it then locks on its first failure.
 */
export const SERVICE_KEY_WIDE = { limit: 1000, windowSeconds: 600 };

/** Who is asking, for the failure budgets. */
export type Caller = { kind: 'public'; ip: string } | { kind: 'service'; ip: string; apiKeyId: string };

function budgetRules(caller: Caller): FailureRule[] {
  if (caller.kind === 'public') return [{ key: `redeem:public:ip:${caller.ip}`, budget: PUBLIC_BUDGET }];
  return [
    {
      key: `redeem:service:key:${caller.apiKeyId}:ip:${caller.ip}`,
      budget: SERVICE_BUDGET,
      wide: { key: `redeem:service:key:${caller.apiKeyId}`, ...SERVICE_KEY_WIDE },
    },
  ];
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
    await this.limiter.assertAllowed(...budgetRules(caller).map((rule) => rule.key));
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
    await this.limiter.recordFailures(budgetRules(caller));
  }
}
