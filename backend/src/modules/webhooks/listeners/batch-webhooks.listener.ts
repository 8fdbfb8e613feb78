import { Injectable } from '@nestjs/common';
import type { TransactionScope } from '../../../common/events/event-publisher.js';
import { OnDomainEvent } from '../../../common/events/on-domain-event.js';
import { BatchCompleted } from '../../batches/events/batch-completed.event.js';
import { WebhooksService } from '../webhooks.service.js';

/** The `batch.completed` webhook, an outbox row in the batch's own transaction (when an endpoint listens). */
@Injectable()
export class BatchWebhooksListener {
  constructor(private readonly webhooks: WebhooksService) {}

  @OnDomainEvent(BatchCompleted, { phase: 'in-transaction' })
  async onCompleted(event: BatchCompleted, scope: TransactionScope): Promise<void> {
    const { projectId, batchId, productId, planId, mode, generatedCount } = event.payload;
    await this.webhooks.enqueueEvent(scope, projectId, 'batch.completed', {
      batchId,
      productId,
      planId,
      mode,
      count: generatedCount,
    });
  }
}
