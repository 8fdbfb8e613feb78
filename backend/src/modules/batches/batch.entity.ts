import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import {
  type BatchFormat,
  CODE_COUNTER_TRIGGERS,
  USAGE_TYPES,
  type UsageType,
} from '../access-codes/access-code.types.js';
import { User } from '../identity/user.entity.js';
import { Plan } from '../products/plan.entity.js';
import { Product } from '../products/product.entity.js';
import { Project } from '../projects/project.entity.js';

export const BATCH_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const BATCH_MODES = ['standard', 'bulk'] as const;
export type BatchMode = (typeof BATCH_MODES)[number];
export { USAGE_TYPES, type UsageType, type BatchFormat };

/** One request to generate codes. `generatedCount` moves with each committed chunk. */
@Entity({ tableName: 'batches' })
// Drops a deleted batch's code counters (access_code_counters).
@Trigger({ ...CODE_COUNTER_TRIGGERS.batchDelete, timing: 'after', events: ['delete'], forEach: 'statement' })
@Index({ properties: ['project', 'createdAt', 'id'] })
export class Batch {
  [OptionalProps]?:
    | 'id'
    | 'createdAt'
    | 'generatedCount'
    | 'status'
    | 'completedAt'
    | 'error'
    | 'deactivatedAt'
    | 'chunkSize'
    | 'sequenceStart';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Project, { deleteRule: 'cascade' }) project!: Rel<Project>;
  @ManyToOne(() => Product, { deleteRule: 'restrict', index: true }) product!: Rel<Product>;
  @ManyToOne(() => Plan, { deleteRule: 'restrict', index: true }) plan!: Rel<Plan>;
  @Enum({ items: () => [...BATCH_MODES] }) mode!: BatchMode;
  @Enum({ items: () => [...BATCH_STATUSES] }) status: BatchStatus = 'queued';
  @Property({ type: 'integer' }) requestedCount!: number;
  @Property({ type: 'integer', default: 0 }) generatedCount: number = 0;
  @Enum({ items: () => [...USAGE_TYPES] }) usageType!: UsageType;
  @Property({ type: 'integer', nullable: true }) maxRedemptions?: number | null;
  @Property({ type: 'datetime', nullable: true }) validFrom?: Date | null;
  @Property({ type: 'datetime', nullable: true }) validTill?: Date | null;
  @Property({ length: 32, nullable: true }) customName?: string | null;
  @Property({ type: 'json' }) format!: BatchFormat;
  @Property({ type: 'boolean' }) notify!: boolean;
  @Property({ length: 320, nullable: true }) notifyEmail?: string | null;
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' }) createdBy?: Rel<User> | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) completedAt?: Date | null;
  @Property({ type: 'text', nullable: true }) error?: string | null;
  @Property({ type: 'datetime', nullable: true }) deactivatedAt?: Date | null;
  /** Codes per chunk job of a bulk run, fixed when the run is planned (so a retry splits alike). */
  @Property({ type: 'integer', nullable: true }) chunkSize?: number | null;
  /** Custom Name: the first number of the range reserved for the whole batch; chunk k owns its slice. */
  @Property({ type: 'bigint', nullable: true }) sequenceStart?: string | null;
}
