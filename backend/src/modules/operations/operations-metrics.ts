import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Gauge } from 'prom-client';
import { Metrics } from '../../common/metrics/metrics.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { REDIS } from '../../common/queue/redis.module.js';

/** The job states a queue's depth is made of, plus the ones an operator watches (active, failed). */
const JOB_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed', 'completed'] as const;

/**
 * The gauges read at scrape time, from what every process shares: jobs per queue and state
 * (BullMQ in Redis), the outbox's backlog and the age of its oldest undispatched row (PostgreSQL),
 * Redis's round trip, and the ORM's pool. A dependency that does not answer leaves its gauges
 * empty for that scrape (an alert on `absent()` or on /health/ready catches it), never a failed scrape.
 */
@Injectable()
export class OperationsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly em: EntityManager,
    private readonly moduleRef: ModuleRef,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onModuleInit(): Promise<void> {
    const registers = [this.metrics.registry];
    const queues = Object.values(QueueName).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    const { em, redis } = this;

    new Gauge({
      name: 'admit_queue_jobs',
      help: 'BullMQ jobs per queue and state (depth = waiting + prioritized + delayed)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        const counts = await Promise.all(queues.map((q) => q.getJobCounts(...JOB_STATES).catch(() => null)));
        queues.forEach((queue, i) => {
          for (const state of JOB_STATES) {
            const value = counts[i]?.[state];
            if (value !== undefined) this.set({ queue: queue.name, state }, value);
          }
        });
      },
    });

    const outboxPending = new Gauge({
      name: 'admit_outbox_pending',
      help: 'Undispatched outbox rows',
      registers,
    });
    new Gauge({
      name: 'admit_outbox_lag_seconds',
      help: 'Age of the oldest undispatched outbox row (0 when none waits)',
      registers,
      async collect() {
        this.reset();
        outboxPending.reset();
        // One scan of the partial index on pending rows.
        const rows = await em
          .getConnection()
          .execute<{ pending: string; lag: number | null }[]>(
            `select count(*) as pending, extract(epoch from now() - min(created_at))::float8 as lag
               from outbox_messages where dispatched_at is null`,
          )
          .catch(() => null);
        if (!rows?.[0]) return;
        outboxPending.set(Number(rows[0].pending));
        this.set(Math.max(0, rows[0].lag ?? 0));
      },
    });

    new Gauge({
      name: 'admit_redis_roundtrip_seconds',
      help: 'Round trip of a PING to Redis, measured at scrape',
      registers,
      async collect() {
        this.reset();
        const started = process.hrtime.bigint();
        const ok = await redis.ping().then(
          () => true,
          () => false,
        );
        if (ok) this.set(Number(process.hrtime.bigint() - started) / 1e9);
      },
    });

    const ormPool = await this.em
      .getConnection()
      .getNativeClient()
      .catch(() => null);
    if (ormPool) this.metrics.watchPool('orm', ormPool);
  }
}
