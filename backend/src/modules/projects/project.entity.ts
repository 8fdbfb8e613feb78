import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Tenant } from '../identity/tenant.entity.js';
import {
  DEFAULT_BULK_THRESHOLD,
  DEFAULT_CODE_FORMAT,
  DEFAULT_MAX_BATCH_SIZE,
  type ProjectCodeFormat,
} from './project.types.js';

export * from './project.types.js';

@Entity({ tableName: 'projects' })
export class Project {
  [OptionalProps]?: 'id' | 'createdAt' | 'bulkThreshold' | 'maxBatchSize' | 'codeFormat';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Tenant, { deleteRule: 'cascade' }) tenant!: Rel<Tenant>;
  /** Global, because the public activation link carries it: /activate/:slug/:code. */
  @Property({ length: 64, unique: true }) slug!: string;
  @Property({ length: 200 }) name!: string;
  @Property({ type: 'integer', default: DEFAULT_BULK_THRESHOLD }) bulkThreshold: number =
    DEFAULT_BULK_THRESHOLD;
  @Property({ type: 'integer', default: DEFAULT_MAX_BATCH_SIZE }) maxBatchSize: number =
    DEFAULT_MAX_BATCH_SIZE;
  @Property({ type: 'json' }) codeFormat: ProjectCodeFormat = { ...DEFAULT_CODE_FORMAT };
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
