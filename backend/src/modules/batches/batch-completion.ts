import { Injectable } from '@nestjs/common';
import type { TransactionScope } from '../../common/events/event-publisher.js';
import { JobName } from '../../common/queue/jobs.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { BatchCodesService } from '../access-codes/batch-codes.service.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import type { Batch } from './batch.entity.js';
import { BatchCompleted } from './events/batch-completed.event.js';

/**
 * What completing a batch means, for both paths (in the request, or at the end of a bulk run):
 * the status, and in the same transaction the email and webhook work, so neither is lost.
 */
@Injectable()
export class BatchCompletion {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly codes: BatchCodesService,
  ) {}

  async complete(scope: TransactionScope, batch: Batch): Promise<void> {
    batch.status = 'completed';
    batch.completedAt = new Date();
    batch.error = null;
    // Planner statistics that know the new codes, before anyone lists them (issue 8).
    if (batch.mode === 'bulk') await this.codes.refreshStatistics(scope.em, batch.generatedCount);
    if (batch.notify) {
      scope.enqueue(QueueName.mail, JobName.batchCodes, { batchId: batch.id });
    }
    await this.webhooks.enqueueEvent(scope, batch.project.id, 'batch.completed', {
      batchId: batch.id,
      productId: batch.product.id,
      planId: batch.plan.id,
      mode: batch.mode,
      count: batch.generatedCount,
    });
    scope.publish(
      new BatchCompleted(
        batch.project.id,
        batch.id,
        batch.mode,
        batch.generatedCount,
        batch.createdBy?.id ?? null,
      ),
    );
  }
}
