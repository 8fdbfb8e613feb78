import type TestAgent from 'supertest/lib/agent.js';
import { bearer } from './accounts.js';

export interface Catalog {
  productId: string;
  planId: string;
  lifetimePlanId: string;
}

/** A product with a 30-day plan and a lifetime plan, made through the API. */
export async function createCatalog(http: TestAgent, token: string, projectId: string): Promise<Catalog> {
  const product = await http
    .post(`/api/v1/projects/${projectId}/products`)
    .set(...bearer(token))
    .send({ name: 'Algebra course' })
    .expect(201);
  const plan = await http
    .post(`/api/v1/projects/${projectId}/products/${product.body.id}/plans`)
    .set(...bearer(token))
    .send({ name: 'Monthly', accessDays: 30 })
    .expect(201);
  const lifetime = await http
    .post(`/api/v1/projects/${projectId}/products/${product.body.id}/plans`)
    .set(...bearer(token))
    .send({ name: 'Lifetime', accessDays: null })
    .expect(201);
  return { productId: product.body.id, planId: plan.body.id, lifetimePlanId: lifetime.body.id };
}

/** Polls a batch until it leaves queued/running. */
export async function waitForBatch(
  http: TestAgent,
  token: string,
  projectId: string,
  batchId: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http
      .get(`/api/v1/projects/${projectId}/batches/${batchId}`)
      .set(...bearer(token))
      .expect(200);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    if (Date.now() > deadline)
      throw new Error(`Batch ${batchId} still ${res.body.status} (${res.body.generatedCount})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
