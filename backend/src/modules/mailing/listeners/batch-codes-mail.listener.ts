import { Injectable } from '@nestjs/common';
import type { TransactionScope } from '../../../common/events/event-publisher.js';
import { OnDomainEvent } from '../../../common/events/on-domain-event.js';
import { JobName } from '../../../common/queue/jobs.js';
import { QueueName } from '../../../common/queue/queue-names.js';
import { BatchCompleted } from '../../batches/events/batch-completed.event.js';

/** Send Notification: the codes email of a completed batch, an outbox row in the batch's own transaction. */
@Injectable()
export class BatchCodesMailListener {
  @OnDomainEvent(BatchCompleted, { phase: 'in-transaction' })
  async onCompleted(event: BatchCompleted, scope: TransactionScope): Promise<void> {
    if (event.payload.notify)
      scope.enqueue(QueueName.mail, JobName.batchCodes, { batchId: event.payload.batchId });
  }
}
