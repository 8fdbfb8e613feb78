import { type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Batch } from './batch.entity.js';

/**
 * A chunk of a bulk batch whose codes are committed: written in the same transaction as the
 * chunk's codes, so a chunk job that is retried or run twice (a stalled worker, a crash after
 * commit) finds its record and writes nothing again.
 */
@Entity({ tableName: 'batch_chunks' })
export class BatchChunk {
  @ManyToOne(() => Batch, { primary: true, deleteRule: 'cascade' }) batch!: Rel<Batch>;
  /** 0-based; chunk k holds the codes k × chunkSize … of the batch (see BatchRunner). */
  @PrimaryKey({ type: 'integer' }) chunkNo!: number;
  @Property({ type: 'integer' }) codeCount!: number;
  /** Which worker process wrote it (`host/pid`), for operators and for the multi-worker test. */
  @Property({ length: 200 }) worker!: string;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) doneAt: Date = new Date();
}
