import { DomainEvent } from '../../../common/events/domain-event.js';
import type { BatchMode } from '../batch.entity.js';

export class BatchCompleted extends DomainEvent {
  static readonly eventName = 'batch.completed';
  readonly eventName = BatchCompleted.eventName;

  constructor(
    readonly projectId: string,
    readonly batchId: string,
    readonly mode: BatchMode,
    readonly generatedCount: number,
    readonly requestedBy: string | null,
  ) {
    super();
  }
}
