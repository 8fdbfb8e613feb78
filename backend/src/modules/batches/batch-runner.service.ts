import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { normalizeCode } from '@admit/codes';
import type pg from 'pg';
import { hostname } from 'node:os';
import { PG_POOL } from '../../common/database/pg-pool.module.js';
import { UnitOfWork } from '../../common/events/event-publisher.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { BatchCodesService } from '../access-codes/batch-codes.service.js';
import { BatchCompletion } from './batch-completion.js';
import { snapshotOf } from './batch.view.js';
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
  chunk_size: number | null;
  sequence_start: string | null;
}

const BATCH_COLUMNS = `id, project_id, product_id, plan_id, usage_type, max_redemptions, valid_from, valid_till,
  format, custom_name, status, requested_count, generated_count, chunk_size, sequence_start`;

/** This process, as `batch_chunks.worker` names it. */
export const WORKER_NAME = `${hostname()}/${process.pid}`;

const isOver = (status: BatchStatus) => status === 'completed' || status === 'failed';

/** The codes chunk `chunkNo` of a batch owns: its count, and its first Custom Name number. */
export function chunkOf(
  batch: { requestedCount: number; chunkSize: number; sequenceStart: number | null },
  chunkNo: number,
): { count: number; firstNumber: number | null } {
  const offset = chunkNo * batch.chunkSize;
  return {
    count: Math.max(0, Math.min(batch.chunkSize, batch.requestedCount - offset)),
    firstNumber: batch.sequenceStart === null ? null : batch.sequenceStart + offset,
  };
}

/**
 * Generates a bulk batch as independent chunk jobs that any number of worker processes take:
 *
 * 1. `plan` (once per batch, idempotent): fixes the chunk size, reserves the batch's whole Custom
 *    Name range (chunk k owns numbers start + k × size …, so numbering is contiguous whatever
 *    order the chunks run in) and names the chunks not yet written.
 * 2. `runChunk` (any worker, in any order, concurrently): writes one chunk's codes, its
 *    completion record (`batch_chunks`) and the batch's `generated_count` in ONE transaction. A
 *    chunk run twice (a retry, a stalled job taken over, a crash after commit) meets its record
 *    and writes nothing, so codes are never doubled; a chunk killed half-way rolls back whole.
 * 3. `finish`: the single completion step. The worker that commits the last chunk runs it (a
 *    retried chunk runs it again if that worker died first); under the batch row lock, it
 *    completes the batch once, when every code is there.
 */
@Injectable()
export class BatchRunner {
  private readonly logger = new Logger('BatchRunner');

  constructor(
    private readonly em: EntityManager,
    private readonly uow: UnitOfWork,
    private readonly completion: BatchCompletion,
    private readonly codes: BatchCodesService,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Plans the run (see the class); returns the numbers of the chunks still to write. */
  async plan(batchId: string): Promise<number[]> {
    return this.inTransaction(async (client) => {
      const row = (
        await client.query<BatchRow>(`select ${BATCH_COLUMNS} from batches where id = $1 for update`, [
          batchId,
        ])
      ).rows[0];
      if (!row || isOver(row.status)) return [];
      let { chunk_size: chunkSize, sequence_start: sequenceStart } = row;
      if (chunkSize === null) {
        // A run begun by a version without chunk jobs: its codes carry no chunk records, so a
        // plan now could write them again. Refuse (the batch fails, visibly) rather than double.
        if (row.generated_count > 0)
          throw new Error(
            `Batch ${batchId} was started before bulk runs were split into chunks; generate the rest in a new batch`,
          );
        chunkSize = this.config.batches.chunkSize;
        if (row.format.kind === 'custom') {
          const prefix = normalizeCode(row.custom_name ?? '');
          const first = await this.codes.reserveNumbers(client, row.project_id, prefix, row.requested_count);
          sequenceStart = String(first);
        }
        await client.query(
          "update batches set chunk_size = $2, sequence_start = $3, status = 'running' where id = $1",
          [batchId, chunkSize, sequenceStart],
        );
      }
      const done = new Set(
        (
          await client.query<{ chunk_no: number }>('select chunk_no from batch_chunks where batch_id = $1', [
            batchId,
          ])
        ).rows.map((r) => r.chunk_no),
      );
      const chunks = Math.ceil(row.requested_count / chunkSize);
      return Array.from({ length: chunks }, (_, k) => k).filter((k) => !done.has(k));
    });
  }

  /**
   * Writes chunk `chunkNo` unless it is written already, then completes the batch if that was the
   * last. On a raw client because COPY needs the connection the transaction runs on. The batch row
   * is locked only by the final `generated_count` update, so chunks of one batch run in parallel.
   */
  async runChunk(batchId: string, chunkNo: number): Promise<void> {
    const progress = await this.inTransaction(async (client) => {
      const row = (
        await client.query<BatchRow>(`select ${BATCH_COLUMNS} from batches where id = $1`, [batchId])
      ).rows[0];
      if (!row || isOver(row.status)) return null;
      if (row.chunk_size === null) throw new Error(`Batch ${batchId} has no plan; chunk ${chunkNo} is early`);
      const { count, firstNumber } = chunkOf(
        {
          requestedCount: row.requested_count,
          chunkSize: row.chunk_size,
          sequenceStart: row.sequence_start === null ? null : Number(row.sequence_start),
        },
        chunkNo,
      );
      if (count === 0) return null;
      // The claim of the chunk: a second run of it waits here for the first to commit, then skips.
      const claimed = await client.query(
        `insert into batch_chunks (batch_id, chunk_no, code_count, worker) values ($1, $2, $3, $4)
         on conflict (batch_id, chunk_no) do nothing`,
        [batchId, chunkNo, count, WORKER_NAME],
      );
      if (!claimed.rowCount) return 'written before' as const;
      // The row read on this client, as the entity the request path snapshots (no query: a mapping).
      const snapshot = snapshotOf(this.em.fork().map(Batch, row));
      await this.codes.writeChunk(client, snapshot, count, firstNumber);
      const updated = await client.query<{ generated_count: number; requested_count: number }>(
        `update batches set generated_count = generated_count + $2
          where id = $1 and status in ('queued', 'running')
          returning generated_count, requested_count`,
        [batchId, count],
      );
      // Failed (or completed) meanwhile: throwing rolls the chunk back; the job's retry then stops early.
      if (!updated.rows[0]) throw new Error(`Batch ${batchId} ended while chunk ${chunkNo} was written`);
      return updated.rows[0];
    });
    if (progress === null) return;
    if (progress === 'written before' || progress.generated_count >= progress.requested_count)
      await this.finish(batchId);
  }

  /**
   * The one completion step of a bulk run: once every chunk is committed, marks the batch
   * completed and writes its email and webhook work (BatchCompletion), once, under the batch row
   * lock. Does nothing while chunks are missing or when another worker finished it first.
   */
  async finish(batchId: string): Promise<void> {
    const completed = await this.uow.run(async (scope) => {
      const batch = await scope.em.findOne(Batch, batchId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!batch || isOver(batch.status) || batch.generatedCount < batch.requestedCount) return false;
      await scope.em.populate(batch, ['product', 'plan', 'createdBy', 'project']);
      await this.completion.complete(scope, batch);
      await scope.em.flush();
      return true;
    });
    if (completed) this.logger.log({ batchId }, 'Batch completed');
  }

  /** Gives up on a batch: its codes so far stay, the reason is shown to whoever asked. */
  async fail(batchId: string, reason: string): Promise<void> {
    await this.uow.run(async ({ em, publish }) => {
      const batch = await em.findOne(Batch, batchId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!batch || isOver(batch.status)) return;
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

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
