import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

export const REDIS = Symbol('REDIS');

/**
 * Bounds on every command of the shared client, so a request that needs Redis is answered (503
 * dependency_unavailable through the error filter) within 2 s when Redis is down or frozen:
 * - no offline queue: while disconnected a command fails at once instead of waiting for a reconnect;
 * - a command in flight when the connection drops is retried once on the next connection at most;
 * - a command without an answer (server frozen, network black hole) fails after 1 s.
 */
const BOUNDED: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 1000,
  connectTimeout: 1000,
  enableReadyCheck: true,
  lazyConnect: false,
  // Reconnects forever, at most a second apart, so recovery is automatic and quick.
  retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
};

/**
 * BullMQ workers block on BZPOPMIN for seconds and must outlive an outage: they need no command
 * timeout and unlimited retries (BullMQ refuses anything else). They get them on the connections
 * BullMQ duplicates from the shared client for each worker, never on the shared client itself.
 */
const FOR_BLOCKING_CONSUMERS: RedisOptions = {
  enableOfflineQueue: true,
  maxRetriesPerRequest: null,
  commandTimeout: undefined,
  connectTimeout: 10_000,
};

/** The shared client; its duplicates (BullMQ workers, queue events) wait for Redis instead. */
export class BoundedRedis extends Redis {
  override duplicate(override?: Partial<RedisOptions>): Redis {
    return new Redis({ ...this.options, ...FOR_BLOCKING_CONSUMERS, ...override });
  }
}

export function createRedis(url: string): BoundedRedis {
  const redis = new BoundedRedis(url, BOUNDED);
  const logger = new Logger('Redis');
  let down = false;
  // Without a listener ioredis prints every failed reconnect; one line per outage is enough.
  redis.on('error', (err: Error) => {
    if (!down) logger.warn({ err }, 'Redis connection lost; commands answer 503 until it is back');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log('Redis connection is back');
    down = false;
  });
  return redis;
}

/**
 * The app owns its Redis connection: BullMQ producers and rate limits share it, and it is closed
 * on shutdown (BullMQ does not close connections it did not create).
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createRedis(config.redis.url),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
