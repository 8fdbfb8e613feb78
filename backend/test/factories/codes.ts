import type { MikroORM } from '@mikro-orm/postgresql';
import { createCodeGenerator, resolveFormat } from '@admit/codes';
import type TestAgent from 'supertest/lib/agent.js';
import type { ApiKeyScope } from '@admit/shared';
import { AccessCode } from '../../src/modules/access-codes/access-code.entity.js';
import { Batch, type BatchFormat, type UsageType } from '../../src/modules/batches/batch.entity.js';
import { Plan } from '../../src/modules/products/plan.entity.js';
import { Product } from '../../src/modules/products/product.entity.js';
import { Project } from '../../src/modules/projects/project.entity.js';
import { bearer } from './accounts.js';

export interface CodeOptions {
  count?: number;
  usageType?: UsageType;
  /** Default 1 for single-use codes, null (no limit) for multiple. */
  maxRedemptions?: number | null;
  validFrom?: Date | null;
  validTill?: Date | null;
  active?: boolean;
  /** The plan's access days; null = lifetime. Default 30. */
  accessDays?: number | null;
  checkChar?: boolean;
  productName?: string;
  planName?: string;
}

export interface CodesFixture {
  productId: string;
  planId: string;
  batchId: string;
  /** Normalised codes. */
  codes: string[];
  /** The same codes grouped as printed, e.g. `7K2Q-M3XA-9PTR`. */
  display: string[];
  ids: string[];
}

/**
 * A product, a plan, a batch and its codes, written straight through the ORM (the batch endpoint
 * is another feature's; these tests are about redeeming).
 */
export async function createCodes(
  orm: MikroORM,
  projectId: string,
  options: CodeOptions = {},
): Promise<CodesFixture> {
  const em = orm.em.fork();
  const count = options.count ?? 1;
  const usageType = options.usageType ?? 'single';
  const maxRedemptions =
    options.maxRedemptions !== undefined ? options.maxRedemptions : usageType === 'single' ? 1 : null;
  const project = em.getReference(Project, projectId);
  const product = em.create(Product, { project, name: options.productName ?? 'Algebra course' });
  const plan = em.create(Plan, {
    project,
    product,
    name: options.planName ?? 'Monthly',
    accessDays: options.accessDays !== undefined ? options.accessDays : 30,
  });
  const format: BatchFormat = {
    kind: 'random',
    length: 12,
    groupSize: 4,
    checkChar: options.checkChar ?? false,
  };
  const batch = em.create(Batch, {
    project,
    product,
    plan,
    mode: 'standard',
    status: 'completed',
    requestedCount: count,
    generatedCount: count,
    usageType,
    maxRedemptions,
    validFrom: options.validFrom ?? null,
    validTill: options.validTill ?? null,
    format,
    notify: false,
    completedAt: new Date(),
  });
  const generator = createCodeGenerator(resolveFormat(format));
  const codes = generator.many(count);
  const rows = codes.map((code) =>
    em.create(AccessCode, {
      projectId,
      batch,
      productId: product.id,
      planId: plan.id,
      code,
      usageType,
      maxRedemptions,
      validFrom: options.validFrom ?? null,
      validTill: options.validTill ?? null,
      active: options.active ?? true,
    }),
  );
  await em.flush();
  return {
    productId: product.id,
    planId: plan.id,
    batchId: batch.id,
    codes,
    display: codes.map((c) => c.match(/.{1,4}/g)!.join('-')),
    ids: rows.map((r) => r.id),
  };
}

/** A project API key made through the API; returns the bearer secret. */
export async function createApiKey(
  http: TestAgent,
  token: string,
  projectId: string,
  scopes: ApiKeyScope[] = ['codes:read', 'redemptions:write'],
  name = 'LMS integration',
): Promise<string> {
  const res = await http
    .post(`/api/v1/projects/${projectId}/api-keys`)
    .set(...bearer(token))
    .send({ name, scopes })
    .expect(201);
  return res.body.secret as string;
}
