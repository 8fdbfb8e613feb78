import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Project } from '../projects/project.entity.js';

/** A course or product that access codes give access to. */
@Entity({ tableName: 'products' })
export class Product {
  [OptionalProps]?: 'id' | 'createdAt' | 'archivedAt' | 'description';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Project, { deleteRule: 'cascade', index: true }) project!: Rel<Project>;
  @Property({ length: 200 }) name!: string;
  @Property({ type: 'text', nullable: true }) description?: string | null;
  @Property({ type: 'datetime', nullable: true }) archivedAt?: Date | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
