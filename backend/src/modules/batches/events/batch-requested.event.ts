import { DomainEvent } from '../../../common/events/domain-event.js';
import type { BatchMode } from '../batch.entity.js';

export class BatchRequested extends DomainEvent {
  static readonly eventName = 'batch.requested';
  readonly eventName = BatchRequested.eventName;

  constructor(
    readonly projectId: string,
    readonly batchId: string,
    readonly mode: BatchMode,
    readonly requestedCount: number,
    readonly requestedBy: string | null,
  ) {
    super();
  }
}
