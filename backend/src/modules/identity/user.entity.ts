import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Tenant } from './tenant.entity.js';

@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?: 'id' | 'createdAt';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Tenant, { deleteRule: 'cascade' }) tenant!: Rel<Tenant>;
  /** Stored lower-case; unique across the installation so login needs no tenant. */
  @Property({ length: 320, unique: true }) email!: string;
  @Property({ length: 200 }) name!: string;
  @Property({ type: 'text', hidden: true }) passwordHash!: string;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
