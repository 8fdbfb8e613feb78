import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ApiKeyScope } from '@admit/shared';
import { randomUUID } from 'node:crypto';
import { User } from '../identity/user.entity.js';
import { Project } from '../projects/project.entity.js';

/**
 * A service credential of one project. The token is `admit_<prefix>_<secret>`: the prefix finds
 * the row, and only the SHA-256 of the secret is kept (it has 192 random bits, so a slow hash
 * would add latency to every service call without adding safety).
 */
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'createdBy';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Project, { deleteRule: 'cascade', index: true }) project!: Rel<Project>;
  @Property({ length: 100 }) name!: string;
  @Property({ length: 16, unique: true }) prefix!: string;
  @Property({ length: 64, hidden: true }) secretHash!: string;
  @Property({ type: 'text[]' }) scopes!: ApiKeyScope[];
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' }) createdBy?: Rel<User> | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) lastUsedAt?: Date | null;
  @Property({ type: 'datetime', nullable: true }) revokedAt?: Date | null;
}
