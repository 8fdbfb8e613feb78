import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { WebhookEvent } from '@admit/shared';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'webhooks' })
export class Webhook {
  [OptionalProps]?: 'id' | 'createdAt' | 'active' | 'createdById';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid', index: true }) projectId!: string;
  @Property({ length: 2000 }) url!: string;
  /** HMAC-SHA256 key for `X-Admit-Signature`; shown once at creation. */
  @Property({ length: 100, hidden: true }) secret!: string;
  @Property({ type: 'text[]' }) events!: WebhookEvent[];
  @Property({ type: 'boolean', default: true }) active: boolean = true;
  @Property({ type: 'uuid', nullable: true }) createdById?: string | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
