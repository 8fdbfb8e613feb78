import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The last number handed out for a Custom Name in a project. Numbers are reserved a range at a
 * time with one upsert, so two batches at once never get the same number.
 */
@Entity({ tableName: 'custom_name_counters' })
export class CustomNameCounter {
  @PrimaryKey({ type: 'uuid' }) projectId!: string;
  @PrimaryKey({ length: 32 }) prefix!: string;
  @Property({ type: 'bigint' }) lastValue!: string;
}
