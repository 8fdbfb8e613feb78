import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { ProjectRole } from '@admit/shared';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { ExpiringMap } from '../../common/cache/expiring-map.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { UnitOfWork } from '../../common/events/event-publisher.js';
import { UsersService } from '../identity/users.service.js';
import { ProjectMember } from './project-member.entity.js';
import { projectCodeFormat } from './code-format.js';
import { Project } from './project.entity.js';
import type { ProjectCodeFormat } from './project.types.js';
import type { AddMemberDto, UpdateProjectDto } from './dto/project.dto.js';

export interface ProjectWithRole {
  project: Project;
  role: ProjectRole;
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  return slug || 'project';
}

/**
 * How long a member's role in a project is believed without asking the database again. Every
 * console request on a project checks it (the guard); the price is that a changed or removed
 * membership takes effect on OTHER replicas up to this long later (this one forgets it at once),
 * as with a revoked token (TOKEN_CACHE_MS).
 */
export const ROLE_CACHE_MS = 5_000;

@Injectable()
export class ProjectsService {
  /** `userId:projectId` → role, or 'none' for a non-member (answered 404 by the guard). */
  private readonly roles = new ExpiringMap<string, ProjectRole | 'none'>(ROLE_CACHE_MS, 10_000);

  constructor(
    private readonly em: EntityManager,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
  ) {}

  async listForUser(userId: string): Promise<ProjectWithRole[]> {
    const members = await this.em
      .fork()
      .find(
        ProjectMember,
        { user: userId },
        { populate: ['project'], orderBy: { project: { name: 'asc' } } },
      );
    return members.map((m) => ({ project: m.project, role: m.role }));
  }

  /** The project of a public activation link (its slug), or null. */
  async findBySlug(slug: string): Promise<{ id: string; name: string } | null> {
    const project = await this.em.fork().findOne(Project, { slug }, { fields: ['id', 'name'] });
    return project ? { id: project.id, name: project.name } : null;
  }

  /** What a new batch needs of its project (404 when there is none): cap, bulk threshold, default format. */
  async batchSettings(
    projectId: string,
  ): Promise<{ maxBatchSize: number; bulkThreshold: number; codeFormat: ProjectCodeFormat }> {
    const project = await this.em.fork().findOneOrFail(Project, projectId, {
      failHandler: () => DomainError.notFound('Project'),
    });
    return {
      maxBatchSize: project.maxBatchSize,
      bulkThreshold: project.bulkThreshold,
      codeFormat: project.codeFormat,
    };
  }

  async get(projectId: string, role: ProjectRole): Promise<ProjectWithRole> {
    const project = await this.em.fork().findOneOrFail(Project, projectId, {
      failHandler: () => DomainError.notFound('Project'),
    });
    return { project, role };
  }

  async create(user: UserPrincipal, name: string, slug?: string): Promise<ProjectWithRole> {
    const chosen = slug ?? (await this.freeSlug(slugify(name)));
    try {
      return await this.uow.run(async ({ em }) => {
        const project = em.create(Project, { tenant: user.tenantId, name, slug: chosen });
        em.create(ProjectMember, { project, user: user.userId, role: 'owner' });
        await em.flush();
        return { project, role: 'owner' as const };
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        throw DomainError.conflict('slug', `The slug "${chosen}" is taken`);
      }
      throw err;
    }
  }

  private async freeSlug(base: string): Promise<string> {
    const taken = new Set(
      (await this.em.fork().find(Project, { slug: { $like: `${base}%` } }, { fields: ['slug'] })).map(
        (p) => p.slug,
      ),
    );
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }

  async update(projectId: string, role: ProjectRole, patch: UpdateProjectDto): Promise<ProjectWithRole> {
    return this.uow.run(async ({ em }) => {
      const project = await em.findOneOrFail(Project, projectId, {
        failHandler: () => DomainError.notFound('Project'),
      });
      if (patch.name !== undefined) project.name = patch.name;
      const s = patch.settings;
      if (s?.bulkThreshold !== undefined) project.bulkThreshold = s.bulkThreshold;
      if (s?.maxBatchSize !== undefined) project.maxBatchSize = s.maxBatchSize;
      if (s?.codeFormat !== undefined) project.codeFormat = projectCodeFormat(s.codeFormat);
      await em.flush();
      return { project, role };
    });
  }

  /** The user's role in the project, or null when not a member (the guard's look-up). */
  async roleIn(userId: string, projectId: string): Promise<ProjectRole | null> {
    const key = `${userId}:${projectId}`;
    const now = Date.now();
    const cached = this.roles.get(key, now);
    if (cached) return cached === 'none' ? null : cached;
    const member = await this.em
      .fork()
      .findOne(ProjectMember, { user: userId, project: projectId }, { fields: ['role'] });
    this.roles.set(key, member?.role ?? 'none', now);
    return member?.role ?? null;
  }

  /** After a membership changed: this process asks the database again on the next request. */
  private forgetRole(projectId: string, userId: string): void {
    this.roles.delete(`${userId}:${projectId}`);
  }

  /** Whether the user owns at least one project (the queue dashboard's operators). */
  async ownsAnyProject(userId: string): Promise<boolean> {
    const owned = await this.em
      .fork()
      .findOne(ProjectMember, { user: userId, role: 'owner' }, { fields: ['id'] });
    return owned !== null;
  }

  async listMembers(projectId: string): Promise<ProjectMember[]> {
    return this.em
      .fork()
      .find(
        ProjectMember,
        { project: projectId },
        { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } },
      );
  }

  async addMember(
    projectId: string,
    actor: UserPrincipal,
    actorRole: ProjectRole,
    dto: AddMemberDto,
  ): Promise<ProjectMember> {
    if (dto.role === 'owner' && actorRole !== 'owner')
      throw DomainError.forbidden('Only an owner can add an owner');
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await this.users.initialPasswordHash(dto.password, email);
    const added = await this.uow.run(async ({ em }) => {
      const user = await this.users.findOrCreate(em, {
        tenantId: actor.tenantId,
        email,
        name: dto.name,
        passwordHash,
      });
      const existing = await em.findOne(ProjectMember, { project: projectId, user });
      if (existing) throw DomainError.conflict('email', 'This person is already a member');
      const member = em.create(ProjectMember, { project: projectId, user, role: dto.role });
      await em.flush();
      return member;
    });
    // After the commit: a request in between would cache the old answer again.
    this.forgetRole(projectId, added.user.id);
    return added;
  }

  async changeRole(
    projectId: string,
    userId: string,
    actorRole: ProjectRole,
    role: ProjectRole,
  ): Promise<ProjectMember> {
    const changed = await this.uow.run(async ({ em }) => {
      const member = await this.memberOrFail(em, projectId, userId);
      if ((member.role === 'owner' || role === 'owner') && actorRole !== 'owner') {
        throw DomainError.forbidden('Only an owner can grant or take the owner role');
      }
      if (member.role === 'owner' && role !== 'owner') await this.assertAnotherOwner(em, projectId, userId);
      member.role = role;
      await em.flush();
      return member;
    });
    this.forgetRole(projectId, userId);
    return changed;
  }

  async removeMember(projectId: string, userId: string, actorRole: ProjectRole): Promise<void> {
    await this.uow.run(async ({ em }) => {
      const member = await this.memberOrFail(em, projectId, userId);
      if (member.role === 'owner' && actorRole !== 'owner')
        throw DomainError.forbidden('Only an owner can remove an owner');
      if (member.role === 'owner') await this.assertAnotherOwner(em, projectId, userId);
      em.remove(member);
      await em.flush();
    });
    this.forgetRole(projectId, userId);
  }

  private async memberOrFail(em: EntityManager, projectId: string, userId: string): Promise<ProjectMember> {
    const member = await em.findOne(
      ProjectMember,
      { project: projectId, user: userId },
      { populate: ['user'] },
    );
    if (!member) throw DomainError.notFound('Member');
    return member;
  }

  private async assertAnotherOwner(em: EntityManager, projectId: string, userId: string): Promise<void> {
    const owners = await em.count(ProjectMember, {
      project: projectId,
      role: 'owner',
      user: { $ne: userId },
    });
    if (!owners) throw DomainError.conflict('role', 'A project keeps at least one owner', 'invalid');
  }
}
