import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export const MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Every email Admit sends, so support can see whether codes went out and resend them. */
@Entity({ tableName: 'mail_messages' })
@Index({ properties: ['projectId', 'createdAt'] })
export class MailMessage {
  [OptionalProps]?: 'id' | 'createdAt' | 'status' | 'error' | 'sentAt' | 'attempts' | 'batchId' | 'messageId';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) projectId!: string;
  @Property({ type: 'uuid', nullable: true }) batchId?: string | null;
  @Property({ length: 64 }) kind!: string;
  @Property({ length: 320 }) recipient!: string;
  @Property({ length: 300 }) subject!: string;
  @Enum({ items: () => [...MAIL_STATUSES] }) status: MailStatus = 'queued';
  @Property({ type: 'integer', default: 0 }) attempts: number = 0;
  @Property({ length: 300, nullable: true }) messageId?: string | null;
  @Property({ type: 'text', nullable: true }) error?: string | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) sentAt?: Date | null;
}
