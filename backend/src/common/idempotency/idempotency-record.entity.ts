import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * The first answer to a request sent with an `Idempotency-Key`, stored in the same transaction as
 * the change, so a retry returns it and creates nothing twice. `requestHash` tells a retry from a
 * different request that reused the key (422).
 */
@Entity({ tableName: 'idempotency_records' })
@Unique({ properties: ['projectId', 'scope', 'key'] })
export class IdempotencyRecord {
  [OptionalProps]?: 'id' | 'createdAt';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) projectId!: string;
  @Property({ length: 64 }) scope!: string;
  @Property({ length: 255 }) key!: string;
  @Property({ length: 64 }) requestHash!: string;
  @Property({ type: 'integer' }) statusCode!: number;
  @Property({ type: 'json' }) response!: unknown;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
