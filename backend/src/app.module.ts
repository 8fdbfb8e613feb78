import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import type { Redis } from 'ioredis';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG, ConfigModule } from './config/config.module.js';
import { ormConfig } from './mikro-orm.config.js';
import { EventsModule } from './common/events/events.module.js';
import { OutboxRelayModule, QueueModule } from './common/queue/queue.module.js';
import { REDIS, RedisModule } from './common/queue/redis.module.js';
import { AccessModule } from './modules/access/access.module.js';
import { ApiKeysModule } from './modules/api-keys/api-keys.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { ProductsModule } from './modules/products/products.module.js';
import { ProjectsModule } from './modules/projects/projects.module.js';
import { PublicModule } from './modules/public/public.module.js';
import { RedemptionsModule } from './modules/redemptions/redemptions.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { AccessCodesModule } from './modules/access-codes/access-codes.module.js';
import { BatchesModule } from './modules/batches/batches.module.js';
import { MailingModule } from './modules/mailing/mailing.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { PgPoolModule } from './common/database/pg-pool.module.js';
import { MetricsModule } from './common/metrics/metrics.js';
import { OperationsModule } from './modules/operations/operations.module.js';

@Module({})
export class AppModule {
  /** The whole app for one process role; `worker` loads the queue processors, `api` the HTTP side. */
  static forRoot(config: AppConfig): DynamicModule {
    const isWorker = config.role !== 'api';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MikroOrmModule.forRoot({ ...ormConfig(config), registerRequestContext: false }),
        RedisModule,
        BullModule.forRootAsync({
          inject: [REDIS, APP_CONFIG],
          useFactory: (redis: Redis, cfg: AppConfig) => ({ connection: redis, prefix: cfg.queue.prefix }),
        }),
        MetricsModule,
        QueueModule,
        EventsModule,
        ...(isWorker ? [OutboxRelayModule] : []),
        IdentityModule,
        HealthModule,
        ProjectsModule,
        ApiKeysModule,
        AccessModule,
        ProductsModule,
        WebhooksModule.register({ worker: isWorker }),
        RedemptionsModule,
        PublicModule,
        PgPoolModule,
        AccessCodesModule,
        BatchesModule.register(config, { worker: isWorker }),
        MailingModule.register({ worker: isWorker }),
        NotificationsModule,
        OperationsModule,
      ],
    };
  }
}
