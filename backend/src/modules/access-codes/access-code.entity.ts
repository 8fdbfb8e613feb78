import { OptionalProps, type Rel } from '@mikro-orm/core';
import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Trigger,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { CODE_COUNTER_TRIGGERS } from './code-counter-triggers.js';
import { Batch } from '../batches/batch.entity.js';
import { USAGE_TYPES, type UsageType } from './access-code.types.js';

/**
 * One access code. The hottest table: bulk generation inserts here set-based (see
 * AccessCodesRepository), so product, plan and project are plain id columns copied from the batch
 * rather than foreign keys that each insert would have to check.
 * `code` is the normalised form (what a person types, normalised), compared byte-wise (collation C).
 */
@Entity({ tableName: 'access_codes' })
@Unique({ name: 'access_codes_project_code_unique', properties: ['projectId', 'code'] })
@Index({ name: 'access_codes_project_created_index', properties: ['projectId', 'createdAt', 'id'] })
@Index({ name: 'access_codes_batch_created_index', properties: ['batch', 'createdAt', 'id'] })
@Index({
  name: 'access_codes_used_index',
  properties: ['projectId', 'createdAt', 'id'],
  where: 'redemption_count > 0',
})
@Index({
  name: 'access_codes_inactive_index',
  properties: ['projectId', 'createdAt', 'id'],
  where: 'active = false',
})
@Index({
  name: 'access_codes_expiring_index',
  properties: ['projectId', 'createdAt', 'id'],
  where: 'valid_till is not null',
})
// A Custom Name batch's creation order (AccessCodesRepository.batchPage); see its migration.
@Index({
  name: 'access_codes_batch_sequence_index',
  expression:
    'create index "access_codes_batch_sequence_index" on "access_codes" ("batch_id", "created_at", coalesce("sequence_no", 0), "id") where "sequence_no" is not null or "display_text" is not null',
})
@Trigger({ ...CODE_COUNTER_TRIGGERS.insert, timing: 'after', events: ['insert'], forEach: 'statement' })
@Trigger({ ...CODE_COUNTER_TRIGGERS.delete, timing: 'after', events: ['delete'], forEach: 'statement' })
@Trigger({ ...CODE_COUNTER_TRIGGERS.update, timing: 'after', events: ['update'], forEach: 'statement' })
// The database itself refuses a count past the limit, whatever code path writes it.
@Check({
  name: 'access_codes_redemption_count_check',
  expression: 'redemption_count >= 0 and (max_redemptions is null or redemption_count <= max_redemptions)',
})
export class AccessCode {
  [OptionalProps]?:
    'id' | 'createdAt' | 'updatedAt' | 'redemptionCount' | 'active' | 'lastRedeemedAt' | 'sequenceNo';
  /** Time-ordered (UUID v7, `admit_uuid7()`): a bulk run appends to the id and keyset indexes. */
  @PrimaryKey({ type: 'uuid', defaultRaw: 'admit_uuid7()' }) id!: string;
  @Property({ type: 'uuid' }) projectId!: string;
  @ManyToOne(() => Batch, { deleteRule: 'cascade' }) batch!: Rel<Batch>;
  @Property({ type: 'uuid' }) productId!: string;
  @Property({ type: 'uuid' }) planId!: string;
  @Property({ length: 64, collation: 'C' }) code!: string;
  @Enum({ items: () => [...USAGE_TYPES] }) usageType!: UsageType;
  /** 1 for single-use codes; null = no limit for multiple-use codes. */
  @Property({ type: 'integer', nullable: true }) maxRedemptions?: number | null;
  @Property({ type: 'integer', default: 0 }) redemptionCount: number = 0;
  @Property({ type: 'datetime', nullable: true }) validFrom?: Date | null;
  @Property({ type: 'datetime', nullable: true }) validTill?: Date | null;
  @Property({ type: 'boolean', default: true }) active: boolean = true;
  /** The number of a Custom Name code (MATHS12 → 12). */
  @Property({ type: 'bigint', nullable: true }) sequenceNo?: string | null;
  /** The admin's own text as typed when they edited the code ("summer camp 01"); shown instead of the computed display. */
  @Property({ length: 80, nullable: true }) displayText?: string | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt!: Date;
  @Property({ type: 'datetime', nullable: true }) updatedAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) lastRedeemedAt?: Date | null;
  /** The live redeemers as the CSV export names them, oldest first, '; '-joined: kept by the claim and revoke. */
  @Property({ type: 'text', nullable: true }) redeemedBy?: string | null;
}
