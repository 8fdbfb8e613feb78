import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config/app-config.js';
import { PasswordHasher } from '../modules/identity/password-hasher.js';
import { weakPasswordReason } from '../modules/identity/password-policy.js';
import { Tenant } from '../modules/identity/tenant.entity.js';
import { User } from '../modules/identity/user.entity.js';
import { Plan } from '../modules/products/plan.entity.js';
import { Product } from '../modules/products/product.entity.js';
import { ProjectMember } from '../modules/projects/project-member.entity.js';
import { Project } from '../modules/projects/project.entity.js';

export interface SeedResult {
  ownerCreated: boolean;
  demoCreated: boolean;
  email?: string;
}

/**
 * First start: the first owner (from ADMIN_EMAIL / ADMIN_PASSWORD) and, in development, a demo
 * project with one product and two plans. Idempotent: it creates only what is missing.
 */
export async function seed(em: EntityManager, config: AppConfig): Promise<SeedResult> {
  const { adminEmail, adminPassword } = config.seed;
  if (!adminEmail || !adminPassword) return { ownerCreated: false, demoCreated: false };
  const email = adminEmail.toLowerCase();
  return em.transactional(async (tx) => {
    let owner = await tx.findOne(User, { email });
    const ownerCreated = !owner;
    if (!owner) {
      const weak = weakPasswordReason(adminPassword, email);
      if (weak) throw new Error(`ADMIN_PASSWORD is refused (${weak}): see docs/security.md for the rules`);
      const tenant = tx.create(Tenant, { name: 'Admit' });
      owner = tx.create(User, {
        tenant,
        email,
        name: 'Admin',
        passwordHash: await new PasswordHasher().hash(adminPassword),
      });
    }
    let demoCreated = false;
    if (config.seed.demo && !(await tx.findOne(Project, { slug: 'demo' }))) {
      const project = tx.create(Project, { tenant: owner.tenant, slug: 'demo', name: 'Demo project' });
      tx.create(ProjectMember, { project, user: owner, role: 'owner' });
      const product = tx.create(Product, {
        project,
        name: 'Demo course',
        description: 'A course to try codes on',
      });
      tx.create(Plan, { project, product, name: 'Monthly', accessDays: 30 });
      tx.create(Plan, { project, product, name: 'Lifetime', accessDays: null });
      demoCreated = true;
    }
    return { ownerCreated, demoCreated, email };
  });
}
