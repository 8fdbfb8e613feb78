import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event for one endpoint; attempts and the last answer are kept for the console. */
@Entity({ tableName: 'webhook_deliveries' })
@Index({ properties: ['webhookId', 'createdAt'] })
export class WebhookDelivery {
  [OptionalProps]?:
    | 'id'
    | 'createdAt'
    | 'status'
    | 'attempts'
    | 'lastStatusCode'
    | 'lastError'
    | 'deliveredAt'
    | 'lastAttemptAt';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) webhookId!: string;
  @Property({ type: 'uuid' }) projectId!: string;
  /** The event id receivers de-duplicate on. */
  @Property({ type: 'uuid' }) eventId!: string;
  @Property({ length: 64 }) eventName!: string;
  @Property({ type: 'json' }) payload!: Record<string, unknown>;
  @Enum({ items: () => [...DELIVERY_STATUSES] }) status: DeliveryStatus = 'pending';
  @Property({ type: 'integer', default: 0 }) attempts: number = 0;
  @Property({ type: 'integer', nullable: true }) lastStatusCode?: number | null;
  @Property({ type: 'text', nullable: true }) lastError?: string | null;
  @Property({ type: 'datetime', nullable: true }) lastAttemptAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) deliveredAt?: Date | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
