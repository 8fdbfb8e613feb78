import { bootTestApp, type TestApp } from '../utils/test-app.js';
import {
  bearer,
  createAccount,
  createProject,
  type Account,
  type ProjectFixture,
} from '../factories/accounts.js';
import { type Catalog, createCatalog } from '../factories/catalog.js';
import { createApiKey } from '../factories/codes.js';
import { startSmtpSink, waitFor } from '../utils/smtp-sink.js';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;
const unfold = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

describe('how each batch performs: counts, order, re-activation and resend (e2e)', () => {
  let t: TestApp;
  let sink: Sink;
  let owner: Account;
  let support: Account;
  let project: ProjectFixture;
  let catalog: Catalog;
  let key: string;
  const url = (path = '') => `/api/v1/projects/${project.id}${path}`;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await bootTestApp({ SMTP_URL: sink.url });
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    catalog = await createCatalog(t.http, owner.token, project.id);
    key = await createApiKey(t.http, owner.token, project.id, ['redemptions:write']);
    support = await createAccount(t.orm, t.http, owner.tenantId);
    await t.http
      .post(url('/members'))
      .set(...bearer(owner.token))
      .send({ email: support.email, role: 'support' })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const createBatch = (body: Record<string, unknown>) =>
    t.http
      .post(url('/batches'))
      .set(...bearer(owner.token))
      .send({ productId: catalog.productId, planId: catalog.planId, usageType: 'single', ...body })
      .expect(201);

  const redeem = (code: string, externalId: string) =>
    t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .send({ code, learner: { externalId } })
      .expect(201);

  it('lists every batch with its codes and how many were redeemed, from the counters', async () => {
    const a = await createBatch({ count: 5 });
    const b = await createBatch({ count: 3 });
    await redeem(a.body.codes[0].code, 'l1');
    await redeem(a.body.codes[1].code, 'l2');
    await redeem(b.body.codes[0].code, 'l3');
    const list = await t.http
      .get(url('/batches'))
      .set(...bearer(support.token))
      .expect(200);
    const byId = new Map(list.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(a.body.batch.id)).toMatchObject({ codeCount: 5, redeemedCount: 2 });
    expect(byId.get(b.body.batch.id)).toMatchObject({ codeCount: 3, redeemedCount: 1 });
    const one = await t.http
      .get(url(`/batches/${a.body.batch.id}`))
      .set(...bearer(support.token))
      .expect(200);
    expect(one.body).toMatchObject({ codeCount: 5, redeemedCount: 2 });
  });

  it('lists the codes of a Custom Name batch by number, 1 to N, across pages', async () => {
    const batch = await createBatch({ count: 8, customName: 'ORDER' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { display: string }[]; nextCursor: string | null } } = await t.http
        .get(url(`/batches/${batch.body.batch.id}/codes`))
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(...bearer(owner.token))
        .expect(200);
      seen.push(...page.body.items.map((i) => i.display));
      cursor = page.body.nextCursor;
    } while (cursor);
    const first = Number(seen[0].replace('ORDER', ''));
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => `ORDER${first + i}`));
  });

  it('re-activates a whole deactivated batch, audited per code, with the counts unchanged', async () => {
    const batch = await createBatch({ count: 4 });
    const id = batch.body.batch.id;
    await redeem(batch.body.codes[0].code, 'l4');
    await t.http
      .post(url(`/batches/${id}/deactivate`))
      .set(...bearer(owner.token))
      .expect(200);
    await t.http
      .post(url(`/batches/${id}/activate`))
      .set(...bearer(support.token))
      .expect(403);
    const res = await t.http
      .post(url(`/batches/${id}/activate`))
      .set(...bearer(owner.token))
      .expect(200);
    expect(res.body).toMatchObject({ deactivatedAt: null, codeCount: 4, redeemedCount: 1 });
    const conn = t.orm.em.getConnection();
    const [codes] = await conn.execute<{ active: string; all: string }[]>(
      `select count(*) filter (where active) as active, count(*) as all from access_codes where batch_id = ?`,
      [id],
    );
    expect(codes).toEqual({ active: '4', all: '4' });
    const events = await conn.execute<{ type: string; n: string }[]>(
      `select type, count(*) as n from code_events where batch_id = ? and data->>'scope' = 'batch' group by type order by type`,
      [id],
    );
    expect(events).toEqual([
      { type: 'activated', n: '4' },
      { type: 'deactivated', n: '4' },
    ]);
    // A freed code is redeemable again.
    await redeem(batch.body.codes[1].code, 'l5');
    await t.http
      .post(url(`/batches/00000000-0000-4000-8000-000000000000/activate`))
      .set(...bearer(owner.token))
      .expect(404);
  });

  it('resends the codes email of a batch over SMTP, to its address or another one', async () => {
    const batch = await createBatch({ count: 2, notify: true, notifyEmail: 'teacher@example.test' });
    const id = batch.body.batch.id;
    const display = batch.body.codes[0].display as string;
    await waitFor(() =>
      sink.mails.find((m) => m.to.includes('teacher@example.test') && m.raw.includes(display)),
    );
    const again = await t.http
      .post(url(`/batches/${id}/resend-email`))
      .set(...bearer(owner.token))
      .send({})
      .expect(202);
    expect(again.body).toEqual({ mailId: expect.any(String), recipient: 'teacher@example.test' });
    await waitFor(() =>
      sink.mails.filter((m) => m.to.includes('teacher@example.test') && m.raw.includes(display)).length >= 2
        ? true
        : undefined,
    );
    const other = await t.http
      .post(url(`/batches/${id}/resend-email`))
      .set(...bearer(owner.token))
      .send({ email: 'Office@Example.test' })
      .expect(202);
    expect(other.body.recipient).toBe('office@example.test');
    const mail = await waitFor(() => sink.mails.find((m) => m.to.includes('office@example.test')));
    expect(unfold(mail.raw)).toContain(`/activate/${project.slug}/${batch.body.codes[1].code}`);
    // The mail log records it as sent (written just after the SMTP server took it).
    const logged = await waitFor(async () => {
      const [row] = await t.orm.em
        .getConnection()
        .execute<{ status: string; recipient: string }[]>(
          `select status, recipient from mail_messages where id = ?`,
          [other.body.mailId],
        );
      return row?.status === 'sent' ? row : undefined;
    });
    expect(logged).toEqual({ status: 'sent', recipient: 'office@example.test' });

    const bad = await t.http
      .post(url(`/batches/${id}/resend-email`))
      .set(...bearer(owner.token))
      .send({ email: 'not an address' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('email');
    await t.http
      .post(url(`/batches/${id}/resend-email`))
      .set(...bearer(support.token))
      .send({})
      .expect(403);
  });
});
