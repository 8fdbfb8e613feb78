import { DomainEvent } from '../../../common/events/domain-event.js';

export class BatchFailed extends DomainEvent {
  static readonly eventName = 'batch.failed';
  readonly eventName = BatchFailed.eventName;

  constructor(
    readonly projectId: string,
    readonly batchId: string,
    readonly error: string,
    readonly generatedCount: number,
    readonly requestedBy: string | null,
  ) {
    super();
  }
}
