import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { QueueName } from '../../common/queue/queue-names.js';
import { BatchWebhooksListener } from './listeners/batch-webhooks.listener.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksProcessor } from './webhooks.processor.js';
import { WebhooksService } from './webhooks.service.js';
import { WebhookTargetPolicy } from './webhook-target.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/**
 * Webhook endpoints per project, and their deliveries. Global, so a use case above it
 * (redemptions) can call `WebhooksService.enqueueEvent` inside its transaction; the events of
 * modules below it reach it through its in-transaction listeners (`listeners/`). The queue
 * processor runs only in worker processes (roles `worker` and `all`).
 */
@Global()
@Module({})
export class WebhooksModule {
  static register({ worker }: { worker: boolean }): DynamicModule {
    if (worker) Processor({ name: QueueName.webhooks }, { concurrency: 8 })(WebhooksProcessor);
    return {
      module: WebhooksModule,
      global: true,
      controllers: [WebhooksController],
      providers: [
        {
          provide: WebhookTargetPolicy,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => new WebhookTargetPolicy(config.webhooks),
        },
        WebhooksService,
        WebhookDeliveryService,
        BatchWebhooksListener,
        ...(worker ? [WebhooksProcessor] : []),
      ],
      exports: [WebhooksService],
    };
  }
}
