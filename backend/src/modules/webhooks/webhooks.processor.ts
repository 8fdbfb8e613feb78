import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../common/queue/queue-names.js';
import { DELIVER_JOB, WebhookDeliveryService } from './webhook-delivery.service.js';
import { FAN_OUT_JOB, type FanOutPayload } from './webhooks.service.js';

/** Thin switch over the webhooks queue; the work is in WebhookDeliveryService. */
@Processor(QueueName.webhooks, { concurrency: 8 })
export class WebhooksProcessor extends WorkerHost {
  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case FAN_OUT_JOB:
        return this.deliveries.fanOut(job.data as FanOutPayload);
      case DELIVER_JOB: {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return this.deliveries.deliver((job.data as { deliveryId: string }).deliveryId, final);
      }
      default:
        throw new Error(`No handler for webhooks job ${job.name}`);
    }
  }
}
