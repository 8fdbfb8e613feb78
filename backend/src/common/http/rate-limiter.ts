import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error.js';
import { REDIS } from '../queue/redis.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Metrics } from '../metrics/metrics.js';
import { LockMirror } from './lock-mirror.js';

interface Script {
  lua: string;
  sha: string;
}

function script(lua: string): Script {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** The longest remaining time to live of the given keys, in ms (negative when none exists). */
const LONGEST_PTTL = script(`local longest = -2
for _, key in ipairs(KEYS) do
  local ttl = redis.call('PTTL', key)
  if ttl > longest then longest = ttl end
end
return longest`);

/**
 * Records one failure against every rule in one round trip and returns the longest lockout it set
 * (0 when none), then each lock it set and its seconds. KEYS: per rule fail counter, strikes, lock,
 * wide counter. ARGV: per rule limit, window, lockout, max lockout, wide limit (0: no wide
 * subject), wide window; last, the channel each new lock is published on (for every process's
 * LockMirror). A wide subject (an account, an API key) never locks itself: once it is over its
 * limit, each of its narrow keys locks on its first failure.
 */
const RECORD_FAILURE = script(`local longest = 0
local set = {}
local channel = ARGV[#ARGV]
for i = 0, #KEYS / 4 - 1 do
  local fail, strikes, lock, wide = KEYS[i * 4 + 1], KEYS[i * 4 + 2], KEYS[i * 4 + 3], KEYS[i * 4 + 4]
  local limit = tonumber(ARGV[i * 6 + 1])
  local window = tonumber(ARGV[i * 6 + 2])
  local first = tonumber(ARGV[i * 6 + 3])
  local max = tonumber(ARGV[i * 6 + 4])
  local wideLimit = tonumber(ARGV[i * 6 + 5])
  local count = redis.call('INCR', fail)
  if count == 1 then redis.call('EXPIRE', fail, window) end
  if wideLimit > 0 then
    local wideCount = redis.call('INCR', wide)
    if wideCount == 1 then redis.call('EXPIRE', wide, tonumber(ARGV[i * 6 + 6])) end
    if wideCount >= wideLimit then limit = 1 end
  end
  if count >= limit then
    local strike = redis.call('INCR', strikes)
    redis.call('EXPIRE', strikes, 86400)
    local lockout = math.min(first * math.pow(2, math.min(strike - 1, 30)), max)
    lockout = math.floor(lockout)
    redis.call('SET', lock, '1', 'EX', lockout)
    redis.call('DEL', fail)
    redis.call('PUBLISH', channel, lock .. ' ' .. (lockout * 1000))
    table.insert(set, lock)
    table.insert(set, lockout)
    if lockout > longest then longest = lockout end
  end
end
table.insert(set, 1, longest)
return set`);

export interface FailureBudget {
  /** Failures allowed within the window before the key is locked out. */
  limit: number;
  windowSeconds: number;
  /** First lockout; each further lockout of the same key within a day doubles it. */
  lockoutSeconds: number;
  maxLockoutSeconds: number;
}

/** A slower budget of a wider subject that tightens its narrow keys instead of locking anyone. */
export interface WideBudget {
  key: string;
  limit: number;
  windowSeconds: number;
}

/** One key a failure counts against; it is the key that gets locked. */
export interface FailureRule {
  key: string;
  budget: FailureBudget;
  /** Once the wide subject is over its limit, this key locks on its first failure. */
  wide?: WideBudget;
}

/** The label of a lockout: `login`, `redeem_public` or `redeem_service` (never the key, which names an address). */
function lockoutSubject(key: string): string {
  const [first, second] = key.split(':');
  return first === 'redeem' && second ? `redeem_${second}` : (first ?? 'other');
}

/**
 * Counts failures per key in Redis, so the budget holds across API replicas. Successes are never
 * counted or slowed. A key over budget is locked for a growing time and answers 429. Checking
 * reads this process's copy of the locks (LockMirror), or makes one script call whatever the number
 * of keys while that copy is not live; recording a failure is one script call.
 */
@Injectable()
export class FailureRateLimiter implements OnApplicationShutdown {
  private readonly ns: string;
  private readonly channel: string;
  private readonly mirror: LockMirror;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() private readonly metrics?: Metrics,
  ) {
    // Namespaced like the queues, so two installations (or test runs) sharing a Redis stay apart.
    this.ns = `${config.queue.prefix}:rl`;
    this.channel = `${this.ns}:locks`;
    this.mirror = new LockMirror(redis, this.channel, `${this.ns}:lock:*`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mirror.stop();
  }

  /**
   * Throws 429 when any of the keys is locked out. Answered from this process's copy of the locks
   * (no round trip) while that copy is live; from Redis otherwise.
   */
  async assertAllowed(...keys: string[]): Promise<void> {
    if (!keys.length) return;
    const locks = keys.map((key) => `${this.ns}:lock:${key}`);
    const longest = this.mirror.longest(locks) ?? Number(await this.run(LONGEST_PTTL, locks, []));
    if (longest > 0) throw this.tooMany(Math.ceil(longest / 1000));
  }

  /** Records one failure; returns the lockout in seconds if this failure exhausted the budget. */
  async recordFailure(key: string, budget: FailureBudget): Promise<number | null> {
    return this.recordFailures([{ key, budget }]);
  }

  /** Records one failure against each rule; returns the longest lockout it set, if any. */
  async recordFailures(rules: FailureRule[]): Promise<number | null> {
    const keys: string[] = [];
    const args: number[] = [];
    for (const { key, budget, wide } of rules) {
      const fail = `${this.ns}:fail:${key}`;
      keys.push(fail, `${this.ns}:strikes:${key}`, `${this.ns}:lock:${key}`);
      keys.push(wide ? `${this.ns}:wide:${wide.key}` : fail);
      args.push(budget.limit, budget.windowSeconds, budget.lockoutSeconds, budget.maxLockoutSeconds);
      args.push(wide?.limit ?? 0, wide?.windowSeconds ?? 0);
    }
    const [longest, ...set] = (await this.run(RECORD_FAILURE, keys, [...args, this.channel])) as (
      | string
      | number
    )[];
    for (let i = 0; i < set.length; i += 2) this.mirror.note(String(set[i]), Number(set[i + 1]) * 1000);
    const lockout = Number(longest);
    if (lockout <= 0) return null;
    this.metrics?.lockouts.inc({ subject: lockoutSubject(rules[0]?.key ?? '') });
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

  private run(s: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    return this.redis.evalsha(s.sha, keys.length, ...keys, ...args).catch((err: Error) => {
      // First call on this Redis (or after SCRIPT FLUSH): send the script, which caches it.
      if (!err.message.startsWith('NOSCRIPT')) throw err;
      return this.redis.eval(s.lua, keys.length, ...keys, ...args);
    });
  }
}
