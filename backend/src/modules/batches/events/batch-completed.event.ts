import { DomainEvent } from '../../../common/events/domain-event.js';
import type { BatchMode } from '../batch.entity.js';

export interface BatchCompletedPayload {
  projectId: string;
  batchId: string;
  productId: string;
  planId: string;
  mode: BatchMode;
  generatedCount: number;
  /** Whether the codes email goes out (Send Notification). */
  notify: boolean;
  requestedBy: string | null;
  /** The batch row's own times, so a listener measures the run without reading the row. */
  createdAt: string;
  completedAt: string;
}

/**
 * Every code of a batch is written (in the request, or by the last chunk of a bulk run).
 * In-transaction listeners write the codes email and the `batch.completed` webhook to the outbox;
 * after commit come the bell and the metrics.
 */
export class BatchCompleted extends DomainEvent {
  static readonly eventName = 'batch.completed';
  readonly eventName = BatchCompleted.eventName;

  constructor(readonly payload: BatchCompletedPayload) {
    super();
  }
}
