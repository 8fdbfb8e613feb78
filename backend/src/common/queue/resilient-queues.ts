import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DelayedError,
  Job,
  type JobJson,
  type Processor,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
} from 'bullmq';
import type { Redis } from 'ioredis';
import { asDependencyUnavailable } from '../errors/dependency-unavailable.js';
import { BoundedRedis } from './redis.module.js';

const ERROR_LOG_INTERVAL_MS = 60_000;
const RESUME_DELAY_MS = 1000;
/**
 * A job counts as orphaned when it is still locked by this worker, and still not received by it,
 * this long after it was first seen so: a reply in flight arrives within milliseconds.
 */
export const ORPHAN_CONFIRM_MS = 1500;
/** A job that failed only because PostgreSQL or Redis was away runs again after this. */
export const OUTAGE_RETRY_DELAY_MS = 2000;

/**
 * The BullMQ worker of every `@Processor`. BullMQ runs a worker's own commands (take the next job,
 * finish it, extend its lock) on the connection it is given; the app's shared connection fails
 * fast for HTTP callers, which would make a worker spin through failures while Redis is away. So
 * each worker gets its own duplicate that waits for Redis instead (see BoundedRedis.duplicate) and
 * carries on where it stopped once Redis is back. Errors are logged at most once a minute.
 *
 * A connection that drops can lose the reply to a command Redis has already run. When that command
 * handed the worker its next job (moving it to `active` under this worker's lock), the job is
 * orphaned: nobody processes it, and BullMQ's stalled-job check would bring it back only after its
 * lock expires (lockDuration, 30 s) and two more checks (stalledInterval, 30 s each), 30–90 s
 * after the outage. A Redis restart loses such replies routinely (it exits with replies still
 * unwritten). So after every reconnect the worker reclaims its orphans at once: jobs in `active`
 * locked with this worker's id that it never received go back to `wait` (see reclaimOrphans).
 */
export class ResilientWorker extends Worker {
  private readonly ownConnection?: Redis;
  private readonly logger: Logger;
  /** Jobs this worker has received from Redis and not yet seen finish. */
  private readonly received = new Set<string>();
  private reclaiming?: Promise<unknown>;

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
    const logger = (this.logger = new Logger(`Worker:${name}`));
    let lastLogged = 0;
    this.on('error', (err) => {
      if (Date.now() - lastLogged < ERROR_LOG_INTERVAL_MS) return;
      lastLogged = Date.now();
      logger.warn({ err }, `Worker of queue ${name} cannot reach Redis; it resumes when Redis is back`);
    });
    this.on('completed', (job) => this.received.delete(job.id!));
    this.on('failed', (job) => job && this.received.delete(job.id!));
    let interrupted = false;
    own?.on('close', () => (interrupted = true));
    own?.on('ready', () => {
      if (!interrupted) return;
      interrupted = false;
      this.reclaiming ??= this.reclaimOrphans()
        .catch((err) => {
          if (!this.closing) logger.error({ err }, `Reclaiming orphaned jobs of queue ${name} failed`);
        })
        .finally(() => (this.reclaiming = undefined));
    });
  }

  /**
   * A failure because PostgreSQL or Redis is away says nothing about the job, so it must not spend
   * one of the job's attempts nor grow its exponential backoff: with 5 attempts from 5 s the mail
   * queue would give a job up for good after a 75 s database outage, and the attempts spent during
   * a short one push the next try 20–40 s past the recovery. Such a job goes back to `delayed` for
   * OUTAGE_RETRY_DELAY_MS with its attempts untouched, as often as the outage lasts.
   */
  protected override async callProcessJob(job: Job, token: string, signal?: AbortSignal): Promise<unknown> {
    try {
      return await super.callProcessJob(job, token, signal);
    } catch (err) {
      const outage = asDependencyUnavailable(err);
      if (!outage || !token) throw err;
      await job.moveToDelayed(Date.now() + OUTAGE_RETRY_DELAY_MS, token);
      this.received.delete(job.id!); // no 'failed' event follows a DelayedError
      throw new DelayedError(`${outage.dependency} unavailable; job ${job.id} runs again when it is back`);
    }
  }

  protected override nextJobFromJobData(
    jobData?: JobJson,
    jobId?: string,
    token?: string,
  ): ReturnType<Worker['nextJobFromJobData']> {
    if (jobData && jobId) this.received.add(jobId);
    return super.nextJobFromJobData(jobData, jobId, token);
  }

  /**
   * Puts back in `wait` every job locked by this worker that it never received (the reply that
   * handed it over was lost with the connection), seen so twice ORPHAN_CONFIRM_MS apart; the move
   * checks the lock token, so a job that has changed hands meanwhile is left alone. Returns the
   * ids of the jobs put back. Runs by itself after each reconnect.
   */
  async reclaimOrphans(): Promise<string[]> {
    const redis = this.ownConnection;
    if (!redis) return [];
    const first = await this.unreceivedJobs(redis);
    if (!first.size) return [];
    await sleep(ORPHAN_CONFIRM_MS);
    const reclaimed: string[] = [];
    for (const [id, lock] of await this.unreceivedJobs(redis)) {
      if (first.get(id) !== lock || this.closing) continue;
      const job = await Job.fromId(this, id);
      if (!job) continue;
      try {
        await job.moveToWait(lock);
        reclaimed.push(id);
      } catch (err) {
        this.logger.warn({ err, jobId: id }, `Could not put orphaned job ${id} of queue ${this.name} back`);
      }
    }
    if (reclaimed.length)
      this.logger.warn(
        { jobIds: reclaimed },
        `Put ${reclaimed.length} job(s) of queue ${this.name} back to wait: Redis had handed them to this worker in replies lost with the connection`,
      );
    return reclaimed;
  }

  /** Job id → lock token of the jobs in `active` locked by this worker that it has not received. */
  private async unreceivedJobs(redis: Redis): Promise<Map<string, string>> {
    const ids = await redis.lrange(this.keys.active, 0, -1);
    const found = new Map<string, string>();
    if (!ids.length) return found;
    const locks = await redis.mget(ids.map((id) => `${this.toKey(id)}:lock`));
    ids.forEach((id, i) => {
      const lock = locks[i];
      if (lock?.startsWith(`${this.id}:`) && !this.received.has(id)) found.set(id, lock);
    });
    return found;
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
