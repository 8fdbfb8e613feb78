import { Injectable } from '@nestjs/common';
import type { TransactionScope } from '../../common/events/event-publisher.js';
import { BatchCodesService } from '../access-codes/batch-codes.service.js';
import type { Batch } from './batch.entity.js';
import { BatchCompleted } from './events/batch-completed.event.js';

/**
 * What completing a batch means, for both paths (in the request, or at the end of a bulk run):
 * the status, and the BatchCompleted event, whose in-transaction listeners write the email and
 * webhook work into the same transaction (mailing/listeners, webhooks/listeners), so neither is
 * lost.
 */
@Injectable()
export class BatchCompletion {
  constructor(private readonly codes: BatchCodesService) {}

  async complete(scope: TransactionScope, batch: Batch): Promise<void> {
    batch.status = 'completed';
    batch.completedAt = new Date();
    batch.error = null;
    // Planner statistics that know the new codes, before anyone lists them (issue 8).
    if (batch.mode === 'bulk') await this.codes.refreshStatistics(scope.em, batch.generatedCount);
    scope.publish(
      new BatchCompleted({
        projectId: batch.project.id,
        batchId: batch.id,
        productId: batch.product.id,
        planId: batch.plan.id,
        mode: batch.mode,
        generatedCount: batch.generatedCount,
        notify: batch.notify,
        requestedBy: batch.createdBy?.id ?? null,
        createdAt: batch.createdAt.toISOString(),
        completedAt: batch.completedAt.toISOString(),
      }),
    );
  }
}
