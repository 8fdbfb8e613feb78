import { type DynamicModule, Module } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { MailerModule } from '@nestjs-modules/mailer';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { AccessCodesModule } from '../access-codes/access-codes.module.js';
import { BatchCodesMailListener } from './listeners/batch-codes-mail.listener.js';
import { MailProcessor } from './mail.processor.js';
import { MailingService } from './mailing.service.js';

@Module({})
export class MailingModule {
  static register(options: { worker: boolean }): DynamicModule {
    if (options.worker) Processor({ name: QueueName.mail }, { concurrency: 2 })(MailProcessor);
    return {
      module: MailingModule,
      imports: [
        MailerModule.forRootAsync({
          imports: [],
          inject: [APP_CONFIG],
          useFactory: (cfg: AppConfig) => ({
            transport: cfg.mail.smtpUrl,
            // nodemailer 10's own types dropped `from` from the transport options the mailer module expects.
            defaults: { from: cfg.mail.from } as never,
          }),
        }),
        AccessCodesModule,
      ],
      providers: [MailingService, BatchCodesMailListener, ...(options.worker ? [MailProcessor] : [])],
      exports: [MailingService],
    };
  }
}
