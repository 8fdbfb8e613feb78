import { InjectQueue, OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { assertHandlers, JobName, runJob } from '../../common/queue/jobs.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { BatchRunner } from './batch-runner.service.js';

interface BatchJobData {
  batchId: string;
  chunkNo?: number;
}

/** Deterministic: re-planning a batch (a retried `generate` job) adds no chunk job twice. */
export const chunkJobId = (batchId: string, chunkNo: number) => `${batchId}-chunk-${chunkNo}`;

/**
 * Thin switch: the work is in BatchRunner, testable without Redis. Registered as the processor
 * of the batches queue by BatchesModule.register, which sets concurrency and lock duration from
 * config. `generate` (one per batch, enqueued through the outbox) plans the run and adds one
 * `generate-chunk` job per chunk; any worker process takes those.
 */
@Injectable()
export class BatchRunProcessor extends WorkerHost {
  private readonly logger = new Logger('BatchRunProcessor');

  constructor(
    private readonly runner: BatchRunner,
    @InjectQueue(QueueName.batches) private readonly queue: Queue,
  ) {
    super();
  }

  /** One handler per job of the batches queue (see common/queue/jobs.ts). */
  private readonly handlers = assertHandlers(QueueName.batches, {
    generate: async ({ batchId }) => {
      const chunks = await this.runner.plan(batchId);
      // Every chunk written already (a re-run after a crash): only the completion may be left.
      if (!chunks.length) return this.runner.finish(batchId);
      await this.queue.addBulk(
        chunks.map((chunkNo) => ({
          name: JobName.generateChunk,
          data: { batchId, chunkNo },
          opts: { jobId: chunkJobId(batchId, chunkNo), removeOnComplete: 1000, removeOnFail: 5000 },
        })),
      );
    },
    'generate-chunk': async ({ batchId, chunkNo }) => {
      if (chunkNo === undefined) throw new Error(`Chunk job of batch ${batchId} names no chunk`);
      return this.runner.runChunk(batchId, chunkNo);
    },
  });

  async process(job: Job<BatchJobData>): Promise<unknown> {
    return runJob(QueueName.batches, this.handlers, job);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<BatchJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    this.logger.error(
      { err: error, batchId: job.data.batchId, chunkNo: job.data.chunkNo, attempt: job.attemptsMade },
      'Batch job failed',
    );
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) await this.runner.fail(job.data.batchId, error.message);
  }
}
