import type { MikroORM } from '@mikro-orm/postgresql';
import type TestAgent from 'supertest/lib/agent.js';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from '../../src/modules/identity/password-hasher.js';
import { Tenant } from '../../src/modules/identity/tenant.entity.js';
import { User } from '../../src/modules/identity/user.entity.js';

export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | undefined;

export interface Account {
  userId: string;
  tenantId: string;
  email: string;
  token: string;
}

/** A user in a tenant of its own (or a given one), logged in through the API. */
export async function createAccount(orm: MikroORM, http: TestAgent, tenantId?: string): Promise<Account> {
  const em = orm.em.fork();
  cachedHash ??= new PasswordHasher().hash(TEST_PASSWORD);
  const tenant = tenantId ? em.getReference(Tenant, tenantId) : em.create(Tenant, { name: 'Test tenant' });
  const email = `user-${randomUUID()}@example.test`;
  const user = em.create(User, { tenant, email, name: 'Test User', passwordHash: await cachedHash });
  await em.flush();
  const res = await http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  return { userId: user.id, tenantId: tenant.id, email, token: res.body.accessToken };
}

export interface ProjectFixture {
  id: string;
  slug: string;
}

export async function createProject(
  http: TestAgent,
  token: string,
  name = 'Test project',
): Promise<ProjectFixture> {
  const res = await http
    .post('/api/v1/projects')
    .set('Authorization', `Bearer ${token}`)
    .send({ name, slug: `p-${randomUUID().slice(0, 18)}` })
    .expect(201);
  return { id: res.body.id, slug: res.body.slug };
}

export function bearer(token: string): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}
