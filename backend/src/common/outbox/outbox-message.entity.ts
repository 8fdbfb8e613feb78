import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * Work that must survive a crash, written in the same transaction as the change that causes it.
 * The relay moves undispatched rows onto BullMQ with the row id as job id, so a row enqueued twice
 * (crash between enqueue and marking) is still one job.
 */
@Entity({ tableName: 'outbox_messages' })
@Index({ name: 'outbox_messages_pending_index', properties: ['createdAt'], where: 'dispatched_at is null' })
export class OutboxMessage {
  [OptionalProps]?: 'id' | 'createdAt' | 'dispatchedAt';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  /** The BullMQ queue the message goes to. */
  @Property({ length: 64 }) queue!: string;
  /** The job name within the queue. */
  @Property({ length: 64 }) name!: string;
  @Property({ type: 'json' }) payload!: Record<string, unknown>;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) dispatchedAt?: Date | null;
}
