import { Logger } from '@nestjs/common';
import { type Processor, Queue, type QueueOptions, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { BoundedRedis } from './redis.module.js';

const ERROR_LOG_INTERVAL_MS = 60_000;
const RESUME_DELAY_MS = 1000;

/**
 * The BullMQ worker of every `@Processor`. BullMQ runs a worker's own commands (take the next job,
 * finish it, extend its lock) on the connection it is given; the app's shared connection fails
 * fast for HTTP callers, which would make a worker spin through failures while Redis is away. So
 * each worker gets its own duplicate that waits for Redis instead (see BoundedRedis.duplicate) and
 * carries on where it stopped once Redis is back. Errors are logged at most once a minute.
 */
export class ResilientWorker extends Worker {
  private readonly ownConnection?: Redis;

  constructor(name: string, processor: Processor | string | URL | null | undefined, opts: WorkerOptions) {
    const own = opts.connection instanceof BoundedRedis ? opts.connection.duplicate() : undefined;
    // After a failed fetch BullMQ waits `runRetryDelay` (15 s by default) before it asks Redis
    // again; 1 s makes a worker resume within a second of Redis coming back.
    super(name, processor, {
      runRetryDelay: RESUME_DELAY_MS,
      ...opts,
      connection: own ?? opts.connection,
    });
    this.ownConnection = own;
    const logger = new Logger(`Worker:${name}`);
    let lastLogged = 0;
    this.on('error', (err) => {
      if (Date.now() - lastLogged < ERROR_LOG_INTERVAL_MS) return;
      lastLogged = Date.now();
      logger.warn({ err }, `Worker of queue ${name} cannot reach Redis; it resumes when Redis is back`);
    });
  }

  override async close(force = false): Promise<void> {
    await super.close(force);
    await this.ownConnection?.quit().catch(() => this.ownConnection?.disconnect());
  }
}

/**
 * The queue (producer side) of every `@InjectQueue`: on the shared connection, so `add()` fails
 * fast while Redis is away. Connection errors are reported by the shared client already (once per
 * outage); without a listener BullMQ would print each reconnect attempt of each queue.
 */
export class ObservedQueue extends Queue {
  constructor(name: string, opts?: QueueOptions) {
    super(name, opts);
    this.on('error', () => undefined);
  }
}
