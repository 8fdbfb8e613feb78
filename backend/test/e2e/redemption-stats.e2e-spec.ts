import { bootTestApp, type TestApp } from '../utils/test-app.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { createApiKey, createCodes } from '../factories/codes.js';

describe('Redemptions over time (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  let support: Account;
  let project: ProjectFixture;
  let key: string;
  let firstBatch: string;
  let secondBatch: string;

  const stats = (token: string, query: Record<string, string>) =>
    t.http
      .get(`/api/v1/projects/${project.id}/redemptions/stats`)
      .query(query)
      .set(...bearer(token));

  const redeem = async (code: string, externalId: string, at: string) => {
    const res = await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .send({ code, learner: { externalId } })
      .expect(201);
    await t.orm.em
      .getConnection()
      .execute('update redemptions set redeemed_at = ? where id = ?', [at, res.body.redemption.id]);
    return res.body.redemption.id as string;
  };

  beforeAll(async () => {
    t = await bootTestApp();
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    key = await createApiKey(t.http, owner.token, project.id, ['redemptions:write']);
    support = await createAccount(t.orm, t.http, owner.tenantId);
    await t.http
      .post(`/api/v1/projects/${project.id}/members`)
      .set(...bearer(owner.token))
      .send({ email: support.email, role: 'support' })
      .expect(201);

    // Two batches and four redemptions at known instants; the times near midnight UTC fall on
    // the next day in Berlin, and 2026-03-29 is the day Berlin moves its clocks (23 hours long).
    const a = await createCodes(t.orm, project.id, { count: 3 });
    const b = await createCodes(t.orm, project.id, { count: 2, productName: 'Geometry' });
    firstBatch = a.batchId;
    secondBatch = b.batchId;
    const conn = t.orm.em.getConnection();
    await conn.execute('update batches set created_at = ? where id = ?', ['2026-03-10T12:00:00Z', a.batchId]);
    await conn.execute('update batches set created_at = ? where id = ?', ['2026-03-12T23:30:00Z', b.batchId]);
    await redeem(a.codes[0], 'l1', '2026-03-11T10:00:00Z');
    await redeem(b.codes[0], 'l2', '2026-03-12T23:30:00Z');
    await redeem(a.codes[1], 'l3', '2026-03-29T22:30:00Z');
    const revoked = await redeem(a.codes[2], 'l4', '2026-03-11T11:00:00Z');
    await t.http
      .post(`/api/v1/projects/${project.id}/redemptions/${revoked}/revoke`)
      .set(...bearer(owner.token))
      .send({ reason: 'test' })
      .expect(200);
  });
  afterAll(() => t.close());

  it('counts issued and live redeemed codes per day, with every empty day filled', async () => {
    const res = await stats(support.token, { from: '2026-03-09', to: '2026-03-14', tz: 'UTC' }).expect(200);
    expect(res.body).toMatchObject({ from: '2026-03-09', to: '2026-03-14', bucket: 'day', tz: 'UTC' });
    expect(res.body.buckets).toEqual([
      { start: '2026-03-09', issued: 0, redeemed: 0 },
      { start: '2026-03-10', issued: 3, redeemed: 0 },
      { start: '2026-03-11', issued: 0, redeemed: 1 },
      { start: '2026-03-12', issued: 2, redeemed: 1 },
      { start: '2026-03-13', issued: 0, redeemed: 0 },
      { start: '2026-03-14', issued: 0, redeemed: 0 },
    ]);
    expect(res.body.totals).toEqual({ issued: 5, redeemed: 2 });
  });

  it('cuts days in the time zone asked for, across a daylight-saving change', async () => {
    const res = await stats(owner.token, {
      from: '2026-03-12',
      to: '2026-03-13',
      tz: 'Europe/Berlin',
    }).expect(200);
    expect(res.body.buckets).toEqual([
      { start: '2026-03-12', issued: 0, redeemed: 0 },
      { start: '2026-03-13', issued: 2, redeemed: 1 },
    ]);
    // 22:30 UTC on 29 March is 00:30 on the 30th in Berlin (summer time), 22:30 on the 29th in UTC.
    const berlin = await stats(owner.token, { from: '2026-03-29', to: '2026-03-30', tz: 'Europe/Berlin' });
    expect(berlin.body.buckets.map((b: { redeemed: number }) => b.redeemed)).toEqual([0, 1]);
    const utc = await stats(owner.token, { from: '2026-03-29', to: '2026-03-30' });
    expect(utc.body.buckets.map((b: { redeemed: number }) => b.redeemed)).toEqual([1, 0]);
  });

  it('groups by ISO week and filters by batch, product and plan', async () => {
    const weeks = await stats(owner.token, { from: '2026-03-10', to: '2026-03-31', bucket: 'week' }).expect(
      200,
    );
    expect(weeks.body.buckets).toEqual([
      { start: '2026-03-09', issued: 5, redeemed: 2 },
      { start: '2026-03-16', issued: 0, redeemed: 0 },
      { start: '2026-03-23', issued: 0, redeemed: 1 },
      { start: '2026-03-30', issued: 0, redeemed: 0 },
    ]);
    const one = await stats(owner.token, { from: '2026-03-10', to: '2026-03-12', batchId: secondBatch });
    expect(one.body.totals).toEqual({ issued: 2, redeemed: 1 });
    const [batch] = await t.orm.em
      .getConnection()
      .execute<{ product_id: string; plan_id: string }[]>(
        'select product_id, plan_id from batches where id = ?',
        [firstBatch],
      );
    const byProduct = await stats(owner.token, {
      from: '2026-03-10',
      to: '2026-03-31',
      productId: batch.product_id,
    });
    expect(byProduct.body.totals).toEqual({ issued: 3, redeemed: 2 });
    const byPlan = await stats(owner.token, { from: '2026-03-10', to: '2026-03-31', planId: batch.plan_id });
    expect(byPlan.body.totals).toEqual({ issued: 3, redeemed: 2 });
  });

  it('defaults to the last 30 days up to today', async () => {
    const res = await stats(owner.token, {}).expect(200);
    expect(res.body.buckets).toHaveLength(30);
    expect(res.body.to).toBe(new Date().toISOString().slice(0, 10));
  });

  it.each([
    [{ from: '2026-03-14', to: '2026-03-10' }, 'from'],
    [{ from: '2026-02-30', to: '2026-03-10' }, 'from'],
    [{ from: '10/03/2026' }, 'from'],
    [{ to: '2026-13-01' }, 'to'],
    [{ from: '2025-01-01', to: '2026-03-10' }, 'from'],
    [{ from: '2020-01-01', to: '2026-03-10', bucket: 'week' }, 'from'],
    [{ bucket: 'month' }, 'bucket'],
    [{ tz: 'Mars/Olympus_Mons' }, 'tz'],
    [{ tz: '+01:00' }, 'tz'],
    [{ tz: "UTC'; select 1" }, 'tz'],
    [{ batchId: 'not-a-uuid' }, 'batchId'],
    [{ sort: 'x' }, 'sort'],
  ])('refuses %j with a problem naming %s', async (query, field) => {
    const res = await stats(owner.token, query as Record<string, string>).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('keeps non-members out', async () => {
    const stranger = await createAccount(t.orm, t.http);
    await stats(stranger.token, { from: '2026-03-10', to: '2026-03-11' }).expect(404);
    await t.http.get(`/api/v1/projects/${project.id}/redemptions/stats`).expect(401);
  });
});
