import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { EntityManager } from '@mikro-orm/postgresql';
import { Metrics, sizeBucket } from '../../../common/metrics/metrics.js';
import { BatchCompleted } from '../../batches/events/batch-completed.event.js';

/** Codes generated and batch durations, counted once per completed batch in the process that completed it. */
@Injectable()
export class BatchMetricsListener {
  constructor(
    private readonly metrics: Metrics,
    private readonly em: EntityManager,
  ) {}

  @OnEvent(BatchCompleted.eventName, { promisify: true })
  async onCompleted(event: BatchCompleted): Promise<void> {
    this.metrics.codesGenerated.inc({ mode: event.mode }, event.generatedCount);
    // Both times from the row: the request may have been taken by another process.
    const rows = await this.em
      .getConnection()
      .execute<{ seconds: number | null }[]>(
        `select extract(epoch from completed_at - created_at)::float8 as seconds from batches where id = ?`,
        [event.batchId],
      );
    const seconds = rows[0]?.seconds;
    if (seconds !== null && seconds !== undefined)
      this.metrics.batchDuration.observe(
        { mode: event.mode, size: sizeBucket(event.generatedCount) },
        Math.max(0, seconds),
      );
  }
}
