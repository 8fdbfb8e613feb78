import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { OnEvent } from '@nestjs/event-emitter';
import { pgArray } from '../database/sql.js';
import { OUTBOX_WRITTEN } from '../events/event-publisher.js';
import { QueueName } from '../queue/queue-names.js';

const BATCH = 200;

/**
 * Moves committed outbox rows onto their BullMQ queues. Rows are claimed with SKIP LOCKED, so any
 * number of relays (one per worker process) share the work; the job id is the row id, so a row
 * enqueued twice after a crash is still one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private wake = false;
  private failedRuns = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Asks for a run soon (after a commit that wrote outbox rows) instead of waiting for the poll. */
  @OnEvent(OUTBOX_WRITTEN)
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.wake = true;
    else this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => {
          if (this.failedRuns) this.logger.log({ failedRuns: this.failedRuns }, 'Outbox relay recovered');
          this.failedRuns = 0;
        })
        .catch((err) => {
          // PostgreSQL or Redis away: the rows stay pending and the next poll tries again. One line
          // when it starts and one a minute after, not one every half second.
          if (this.failedRuns++ % 120 === 0)
            this.logger.error({ err, failedRuns: this.failedRuns }, 'Outbox relay failed; retrying');
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.wake ? 0 : 500);
          this.wake = false;
        });
    }, delay);
    this.timer.unref();
  }

  /** Dispatches until no pending row is left; returns how many were dispatched. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const dispatched = await this.em.fork().transactional(async (em) => {
        const rows: { id: string; queue: string; name: string; payload: Record<string, unknown> }[] =
          await em.execute(
            `select id, queue, name, payload from outbox_messages
            where dispatched_at is null order by created_at limit ${BATCH} for update skip locked`,
          );
        for (const row of rows) {
          const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
          await this.queue(row.queue).add(row.name, payload, {
            jobId: row.id,
            removeOnComplete: 1000,
            removeOnFail: 5000,
          });
        }
        if (rows.length) {
          await em.execute('update outbox_messages set dispatched_at = now() where id = any(?::uuid[])', [
            pgArray(rows.map((r) => r.id)),
          ]);
        }
        return rows.length;
      });
      total += dispatched;
      if (dispatched < BATCH || this.stopped) return total;
    }
  }

  private queue(name: string): Queue {
    if (!Object.values(QueueName).includes(name as QueueName))
      throw new Error(`Outbox row for unknown queue ${name}`);
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
