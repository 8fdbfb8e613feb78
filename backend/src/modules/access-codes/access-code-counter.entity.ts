import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * How many codes a batch has and how many were redeemed at least once, in up to 16 rows per batch
 * (summed when read). Written only by the triggers on `access_codes` (migration
 * 20261129100000), in the transaction of whatever wrote the codes.
 */
@Entity({ tableName: 'access_code_counters' })
export class AccessCodeCounter {
  @PrimaryKey({ type: 'uuid' }) batchId!: string;
  @PrimaryKey({ type: 'smallint' }) shard!: number;
  @Property({ type: 'bigint' }) total!: string;
  @Property({ type: 'bigint' }) used!: string;
}
