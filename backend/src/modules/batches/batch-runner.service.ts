import { Inject, Injectable, Logger } from '@nestjs/common';
import { LockMode } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { PG_POOL } from '../../common/database/pg-pool.module.js';
import { UnitOfWork } from '../../common/events/event-publisher.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { BatchCodeWriter, type BatchSnapshot } from './batch-code-writer.js';
import { BatchCompletion } from './batch-completion.js';
import { Batch, type BatchFormat, type BatchStatus, type UsageType } from './batch.entity.js';
import { BatchFailed } from './events/batch-failed.event.js';

interface BatchRow {
  id: string;
  project_id: string;
  product_id: string;
  plan_id: string;
  usage_type: UsageType;
  max_redemptions: number | null;
  valid_from: Date | null;
  valid_till: Date | null;
  format: BatchFormat;
  custom_name: string | null;
  status: BatchStatus;
  requested_count: number;
  generated_count: number;
}

function snapshotOfRow(row: BatchRow): BatchSnapshot {
  return {
    projectId: row.project_id,
    batchId: row.id,
    productId: row.product_id,
    planId: row.plan_id,
    usageType: row.usage_type,
    maxRedemptions: row.max_redemptions,
    validFrom: row.valid_from,
    validTill: row.valid_till,
    format: row.format,
    customName: row.custom_name,
  };
}

/**
 * Generates a bulk batch in chunks. Each chunk's codes and the batch's `generatedCount` commit
 * together, with the batch row locked, so a worker killed at any point leaves a consistent count;
 * the next run (BullMQ retries the stalled job: the job id is the batch id) carries on from it
 * and ends with exactly the requested number of codes.
 */
@Injectable()
export class BatchRunner {
  private readonly logger = new Logger('BatchRunner');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: BatchCodeWriter,
    private readonly completion: BatchCompletion,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(
    batchId: string,
    onProgress?: (generated: number, requested: number) => Promise<void>,
  ): Promise<void> {
    for (;;) {
      const progress = await this.runChunk(batchId);
      if (!progress) break;
      await onProgress?.(progress.generated, progress.requested);
    }
    await this.uow.run(async (scope) => {
      const batch = await scope.em.findOne(Batch, batchId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!batch || batch.status === 'completed' || batch.status === 'failed') return;
      if (batch.generatedCount !== batch.requestedCount) {
        throw new Error(`Batch ${batchId} stopped at ${batch.generatedCount}`);
      }
      await scope.em.populate(batch, ['product', 'plan', 'createdBy', 'project']);
      await this.completion.complete(scope, batch);
      await scope.em.flush();
    });
    this.logger.log({ batchId }, 'Batch completed');
  }

  /**
   * One chunk: lock the batch row, write the codes, raise generated_count, commit. On a raw
   * client because COPY needs the connection the transaction runs on.
   */
  private async runChunk(batchId: string): Promise<{ generated: number; requested: number } | null> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<BatchRow>(
        `select id, project_id, product_id, plan_id, usage_type, max_redemptions, valid_from, valid_till,
                format, custom_name, status, requested_count, generated_count
           from batches where id = $1 for update`,
        [batchId],
      );
      const row = rows[0];
      const missing = row ? row.requested_count - row.generated_count : 0;
      if (!row || row.status === 'completed' || row.status === 'failed' || missing <= 0) {
        await client.query('rollback');
        return null;
      }
      const chunk = Math.min(missing, this.config.batches.chunkSize);
      await this.writer.writeBulk(client, snapshotOfRow(row), chunk);
      await client.query(
        "update batches set generated_count = generated_count + $2, status = 'running' where id = $1",
        [batchId, chunk],
      );
      await client.query('commit');
      return { generated: row.generated_count + chunk, requested: row.requested_count };
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Gives up on a batch: its codes so far stay, the reason is shown to whoever asked. */
  async fail(batchId: string, reason: string): Promise<void> {
    await this.uow.run(async ({ em, publish }) => {
      const batch = await em.findOne(Batch, batchId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!batch || batch.status === 'completed' || batch.status === 'failed') return;
      batch.status = 'failed';
      batch.error = reason.slice(0, 1000);
      batch.completedAt = new Date();
      await em.flush();
      publish(
        new BatchFailed(
          batch.project.id,
          batch.id,
          batch.error,
          batch.generatedCount,
          batch.createdBy?.id ?? null,
        ),
      );
    });
  }
}
