import { Injectable } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { assertHandlers, runJob } from '../../common/queue/jobs.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

/**
 * Thin switch over the webhooks queue; the work is in WebhookDeliveryService. Registered in
 * worker processes by WebhooksModule.register, like the other queues' processors.
 */
@Injectable()
export class WebhooksProcessor extends WorkerHost {
  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  /** One handler per job of the webhooks queue (see common/queue/jobs.ts). */
  private readonly handlers = assertHandlers(QueueName.webhooks, {
    'fan-out': (payload) => this.deliveries.fanOut(payload),
    deliver: ({ deliveryId }, job) => {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.deliveries.deliver(deliveryId, final);
    },
  });

  async process(job: Job): Promise<unknown> {
    return runJob(QueueName.webhooks, this.handlers, job);
  }
}
