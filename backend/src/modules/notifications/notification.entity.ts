import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** An in-app message for one console user (the bell). */
@Entity({ tableName: 'notifications' })
@Index({ properties: ['userId', 'createdAt'] })
export class Notification {
  [OptionalProps]?: 'id' | 'createdAt' | 'readAt' | 'projectId' | 'body' | 'link';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) userId!: string;
  @Property({ type: 'uuid', nullable: true }) projectId?: string | null;
  @Property({ length: 64 }) type!: string;
  @Property({ length: 200 }) title!: string;
  @Property({ type: 'text', nullable: true }) body?: string | null;
  @Property({ length: 500, nullable: true }) link?: string | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) readAt?: Date | null;
}
