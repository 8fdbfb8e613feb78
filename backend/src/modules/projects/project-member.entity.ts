import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { PROJECT_ROLES, type ProjectRole } from '@admit/shared';
import { randomUUID } from 'node:crypto';
import { User } from '../identity/user.entity.js';
import { Project } from './project.entity.js';

@Entity({ tableName: 'project_members' })
@Unique({ properties: ['project', 'user'] })
export class ProjectMember {
  [OptionalProps]?: 'id' | 'createdAt';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Project, { deleteRule: 'cascade' }) project!: Rel<Project>;
  @ManyToOne(() => User, { deleteRule: 'cascade', index: true }) user!: Rel<User>;
  @Enum({ items: () => [...PROJECT_ROLES], nativeEnumName: undefined }) role!: ProjectRole;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
