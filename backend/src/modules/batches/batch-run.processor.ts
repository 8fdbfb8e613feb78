import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BatchRunner } from './batch-runner.service.js';
import { GENERATE_JOB } from './batches.service.js';

/**
 * Thin switch: the work is in BatchRunner, testable without Redis. Registered as the processor
 * of the batches queue by BatchesModule.register, which sets the lock duration from config.
 */
@Injectable()
export class BatchRunProcessor extends WorkerHost {
  private readonly logger = new Logger('BatchRunProcessor');

  constructor(private readonly runner: BatchRunner) {
    super();
  }

  async process(job: Job<{ batchId: string }>): Promise<void> {
    switch (job.name) {
      case GENERATE_JOB:
        return this.runner.run(job.data.batchId, (generated, requested) =>
          job.updateProgress({ generated, requested }),
        );
      default:
        throw new Error(`No handler for batches job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<{ batchId: string }> | undefined, error: Error): Promise<void> {
    if (!job) return;
    this.logger.error(
      { err: error, batchId: job.data.batchId, attempt: job.attemptsMade },
      'Batch run failed',
    );
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) await this.runner.fail(job.data.batchId, error.message);
  }
}
