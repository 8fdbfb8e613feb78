import { type DynamicModule, Module } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { AppConfig } from '../../config/app-config.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { AccessCodesModule } from '../access-codes/access-codes.module.js';
import { ProductsModule } from '../products/products.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { BatchCompletion } from './batch-completion.js';
import { BatchRunProcessor } from './batch-run.processor.js';
import { BatchRunner } from './batch-runner.service.js';
import { BatchesController, SignedBatchDownloadController } from './batches.controller.js';
import { BatchesService } from './batches.service.js';

@Module({})
export class BatchesModule {
  /** The bulk-run processor only in worker processes; its lock duration (stall detection) from config. */
  static register(config: AppConfig, options: { worker: boolean }): DynamicModule {
    if (options.worker) {
      const lockDuration = config.batches.workerLockMs;
      Processor(
        { name: QueueName.batches },
        {
          concurrency: config.batches.workerConcurrency,
          lockDuration,
          stalledInterval: lockDuration,
          maxStalledCount: 3,
        },
      )(BatchRunProcessor);
    }
    return {
      module: BatchesModule,
      // Global so mailing can sign batch download links without a second registration of this module.
      global: true,
      imports: [AccessCodesModule, ProductsModule, ProjectsModule],
      controllers: [BatchesController, SignedBatchDownloadController],
      providers: [
        BatchesService,
        BatchCompletion,
        BatchRunner,
        ...(options.worker ? [BatchRunProcessor] : []),
      ],
      exports: [BatchesService, BatchRunner],
    };
  }
}
