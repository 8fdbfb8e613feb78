import { type DynamicModule, Global, Module } from '@nestjs/common';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksProcessor } from './webhooks.processor.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Webhook endpoints per project, and their deliveries. Global, so any use case (redemptions,
 * batches) can call `WebhooksService.enqueueEvent` inside its transaction. The queue processor
 * runs only in worker processes (roles `worker` and `all`).
 */
@Global()
@Module({})
export class WebhooksModule {
  static register({ worker }: { worker: boolean }): DynamicModule {
    return {
      module: WebhooksModule,
      global: true,
      controllers: [WebhooksController],
      providers: [WebhooksService, WebhookDeliveryService, ...(worker ? [WebhooksProcessor] : [])],
      exports: [WebhooksService],
    };
  }
}
