import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { FailureRateLimiter } from '../../src/common/http/rate-limiter.js';
import { loadConfig } from '../../src/config/app-config.js';

/**
 * A FailureRateLimiter on the real Redis (REDIS_URL) under a key prefix of its own, for the unit
 * specs of lockout decisions; `close` deletes its keys and disconnects.
 */
export function specLimiter(): {
  limiter: FailureRateLimiter;
  redis: Redis;
  /** Where its keys live: `<prefix>:rl:…`. */
  prefix: string;
  close: () => Promise<void>;
} {
  const base = loadConfig();
  const config = { ...base, queue: { ...base.queue, prefix: `${base.queue.prefix}:spec:${randomUUID()}` } };
  const redis = new Redis(config.redis.url);
  const limiter = new FailureRateLimiter(redis, config);
  return {
    limiter,
    redis,
    prefix: config.queue.prefix,
    close: async () => {
      await limiter.onApplicationShutdown();
      const keys = await redis.keys(`${config.queue.prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}
