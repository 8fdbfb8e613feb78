import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../../../common/events/on-domain-event.js';
import { Metrics, sizeBucket } from '../../../common/metrics/metrics.js';
import { BatchCompleted } from '../../batches/events/batch-completed.event.js';

/** Codes generated and batch durations, counted once per completed batch in the process that completed it. */
@Injectable()
export class BatchMetricsListener {
  constructor(private readonly metrics: Metrics) {}

  @OnDomainEvent(BatchCompleted)
  async onCompleted({ payload }: BatchCompleted): Promise<void> {
    this.metrics.codesGenerated.inc({ mode: payload.mode }, payload.generatedCount);
    // Both times are the row's: the request may have been taken by another process.
    const seconds = (Date.parse(payload.completedAt) - Date.parse(payload.createdAt)) / 1000;
    this.metrics.batchDuration.observe(
      { mode: payload.mode, size: sizeBucket(payload.generatedCount) },
      Math.max(0, seconds),
    );
  }
}
