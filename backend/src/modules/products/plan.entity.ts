import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Project } from '../projects/project.entity.js';
import { Product } from './product.entity.js';

/** How a product is granted: `accessDays` from redemption, null = lifetime. */
@Entity({ tableName: 'plans' })
export class Plan {
  [OptionalProps]?: 'id' | 'createdAt' | 'archivedAt' | 'accessDays';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Project, { deleteRule: 'cascade' }) project!: Rel<Project>;
  @ManyToOne(() => Product, { deleteRule: 'cascade', index: true }) product!: Rel<Product>;
  @Property({ length: 200 }) name!: string;
  @Property({ type: 'integer', nullable: true }) accessDays?: number | null;
  @Property({ type: 'datetime', nullable: true }) archivedAt?: Date | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
