import { Injectable } from '@nestjs/common';
import { OnDomainEvent } from '../../../common/events/on-domain-event.js';
import { BatchCompleted } from '../../batches/events/batch-completed.event.js';
import { BatchFailed } from '../../batches/events/batch-failed.event.js';
import { NotificationsService } from '../notifications.service.js';

/** The bell: tells whoever asked for a bulk batch that it is ready (or why it is not). */
@Injectable()
export class BatchNotificationsListener {
  constructor(private readonly notifications: NotificationsService) {}

  @OnDomainEvent(BatchCompleted)
  async onCompleted({ payload: event }: BatchCompleted): Promise<void> {
    // A standard batch answers with its codes at once; only bulk runs need telling later.
    if (event.mode !== 'bulk' || !event.requestedBy) return;
    await this.notifications.notify({
      userId: event.requestedBy,
      projectId: event.projectId,
      type: 'batch.completed',
      title: `${event.generatedCount.toLocaleString('en')} access codes are ready`,
      body: 'Your bulk batch has finished generating.',
      link: `/projects/${event.projectId}/access-codes?batchId=${event.batchId}`,
    });
  }

  @OnDomainEvent(BatchFailed)
  async onFailed(event: BatchFailed): Promise<void> {
    if (!event.requestedBy) return;
    await this.notifications.notify({
      userId: event.requestedBy,
      projectId: event.projectId,
      type: 'batch.failed',
      title: 'A batch of access codes failed',
      body: `${event.generatedCount.toLocaleString('en')} codes were made before it stopped: ${event.error}`,
      link: `/projects/${event.projectId}/access-codes?batchId=${event.batchId}`,
    });
  }
}
