import { API_KEY_SCOPES } from '@admit/shared';
import type { TestApp } from '../utils/test-app.js';
import { Notification } from '../../src/modules/notifications/notification.entity.js';
import { type Account, bearer, createAccount, createProject } from './accounts.js';
import { createCodes } from './codes.js';

/** Where the fuzz and isolation suites point webhooks: a loopback port nothing listens on. */
export const DEAD_WEBHOOK_URL = 'http://127.0.0.1:9/hooks';

/**
 * One tenant with one of everything an operation can name: a project, a product and plan, a batch
 * of codes, a redemption, API keys, a webhook, a second member and a notification. `ids` holds a
 * value for every path parameter name the OpenAPI document uses (`projectId`, `codeId`, `code`,
 * `id`, …). `secrets` lists what must never appear in another tenant's answers.
 *
 * The app must allow `DEAD_WEBHOOK_URL` (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOWED_HOSTS=127.0.0.1).
 */
export interface World {
  marker: string;
  owner: Account;
  member: Account;
  /** A key with every scope. */
  apiKey: string;
  ids: Record<string, string>;
  /** Codes of the batch (normalised), all unredeemed but the first. */
  codes: string[];
  secrets: string[];
}

export async function createWorld(t: TestApp, marker: string): Promise<World> {
  const owner = await createAccount(t.orm, t.http);
  const project = await createProject(t.http, owner.token, `Project ${marker}`);
  const as = bearer(owner.token);
  const api = `/api/v1/projects/${project.id}`;

  const key = await t.http
    .post(`${api}/api-keys`)
    .set(...as)
    .send({ name: `Key ${marker}`, scopes: [...API_KEY_SCOPES] })
    .expect(201);
  const spareKey = await t.http
    .post(`${api}/api-keys`)
    .set(...as)
    .send({ name: `Spare ${marker}`, scopes: ['codes:read'] })
    .expect(201);
  const fx = await createCodes(t.orm, project.id, {
    count: 5,
    productName: `Product ${marker}`,
    planName: `Plan ${marker}`,
  });
  const redeemed = await t.http
    .post('/api/v1/redemptions')
    .set(...bearer(key.body.secret))
    .send({
      code: fx.codes[0],
      learner: { externalId: `learner-${marker}`, email: `learner-${marker}@example.test` },
    })
    .expect(201);
  const webhook = await t.http
    .post(`${api}/webhooks`)
    .set(...as)
    .send({ url: DEAD_WEBHOOK_URL, events: ['batch.completed'] })
    .expect(201);
  const member = await createAccount(t.orm, t.http, owner.tenantId);
  await t.http
    .post(`${api}/members`)
    .set(...as)
    .send({ email: member.email, role: 'support' })
    .expect(201);
  const em = t.orm.em.fork();
  const notification = em.create(Notification, {
    userId: owner.userId,
    projectId: project.id,
    type: 'batch.completed',
    title: `Batch of ${marker} is ready`,
  });
  await em.flush();

  const ids: Record<string, string> = {
    projectId: project.id,
    projectSlug: project.slug,
    productId: fx.productId,
    planId: fx.planId,
    batchId: fx.batchId,
    codeId: fx.ids[1],
    code: fx.codes[1],
    userId: member.userId,
    keyId: spareKey.body.id,
    webhookId: webhook.body.id,
    redemptionId: redeemed.body.redemption.id,
    id: notification.id,
  };
  return {
    marker,
    owner,
    member,
    apiKey: key.body.secret,
    ids,
    codes: fx.codes,
    secrets: [...new Set([...Object.values(ids), ...fx.codes, ...fx.ids, marker, owner.email, member.email])],
  };
}
