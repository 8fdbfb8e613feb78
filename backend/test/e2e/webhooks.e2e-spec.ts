import { createHmac, timingSafeEqual } from 'node:crypto';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { until } from '../utils/until.js';
import { WebhookReceiver as Receiver } from '../utils/webhook-receiver.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { createApiKey, createCodes } from '../factories/codes.js';

function verify(secret: string, raw: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('Webhooks (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  let project: ProjectFixture;
  let key: string;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    // Retries 200 ms, 400 ms, 800 ms … apart instead of 10 s, so a test can wait for them.
    // The receivers are on loopback: the operator allowlist lets them through (plain http too).
    t = await bootTestApp({
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '8',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    });
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    key = await createApiKey(t.http, owner.token, project.id);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await t.close();
  });

  async function receiver(port?: number): Promise<Receiver> {
    const r = await new Receiver().start(port);
    receivers.push(r);
    return r;
  }

  async function subscribe(url: string, events: string[], projectId = project.id, token = owner.token) {
    const res = await t.http
      .post(`/api/v1/projects/${projectId}/webhooks`)
      .set(...bearer(token))
      .send({ url, events })
      .expect(201);
    return res.body as { id: string; secret: string };
  }

  const redeem = (code: string, externalId: string) =>
    t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .send({ code, learner: { externalId } })
      .expect(201);

  const deliveries = async (webhookId: string) =>
    (
      await t.http
        .get(`/api/v1/projects/${project.id}/webhooks/${webhookId}/deliveries`)
        .set(...bearer(owner.token))
        .expect(200)
    ).body.items as { status: string; attempts: number; lastStatusCode: number | null; eventId: string }[];

  it('registers endpoints for admins, shows the signing secret once, and deletes them', async () => {
    const hook = await subscribe('https://lms.example.test/hooks', ['code.redeemed', 'batch.completed']);
    expect(hook).toMatchObject({
      id: expect.any(String),
      url: 'https://lms.example.test/hooks',
      events: ['code.redeemed', 'batch.completed'],
      active: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    const list = await t.http
      .get(`/api/v1/projects/${project.id}/webhooks`)
      .set(...bearer(owner.token))
      .expect(200);
    expect(list.body.items.find((w: { id: string }) => w.id === hook.id)).not.toHaveProperty('secret');
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);

    const invalid = await t.http
      .post(`/api/v1/projects/${project.id}/webhooks`)
      .set(...bearer(owner.token))
      .send({ url: 'ftp://example.test', events: ['code.deleted'] })
      .expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['events', 'url']);

    const support = await createAccount(t.orm, t.http, owner.tenantId);
    await t.http
      .post(`/api/v1/projects/${project.id}/members`)
      .set(...bearer(owner.token))
      .send({ email: support.email, role: 'support' })
      .expect(201);
    await t.http
      .get(`/api/v1/projects/${project.id}/webhooks`)
      .set(...bearer(support.token))
      .expect(403);

    await t.http
      .delete(`/api/v1/projects/${project.id}/webhooks/${hook.id}`)
      .set(...bearer(owner.token))
      .expect(204);
    await t.http
      .delete(`/api/v1/projects/${project.id}/webhooks/${hook.id}`)
      .set(...bearer(owner.token))
      .expect(404);
  });

  it('delivers a correctly signed code.redeemed to a subscribed endpoint', async () => {
    const r = await receiver();
    const hook = await subscribe(r.url, ['code.redeemed']);
    const fx = await createCodes(t.orm, project.id);
    const redeemed = await redeem(fx.codes[0], 'hooked');

    const [got] = await until('the delivery', () => (r.received.length ? r.received : undefined));
    expect(verify(hook.secret, got.raw, got.headers['x-admit-signature'])).toBe(true);
    expect(verify('whsec_wrong', got.raw, got.headers['x-admit-signature'])).toBe(false);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-admit-event']).toBe('code.redeemed');
    const body = JSON.parse(got.raw);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'code.redeemed',
      createdAt: expect.any(String),
      data: { redemption: redeemed.body.redemption },
    });

    const [delivery] = await until('the succeeded delivery', async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === 'succeeded' ? items : undefined;
    });
    expect(delivery).toMatchObject({
      id: got.headers['x-admit-delivery'],
      eventId: body.id,
      event: 'code.redeemed',
      subject: {
        type: 'code',
        id: redeemed.body.redemption.id,
        code: fx.codes[0],
        learnerExternalId: 'hooked',
      },
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      deliveredAt: expect.any(String),
    });
  });

  it('delivers code.redeemed for redemptions made right after the first webhook is added', async () => {
    // Without a webhook a redemption is one statement outside any transaction; the API remembers
    // that the project had none. That memory must never cost the first webhook its event.
    const other = await createAccount(t.orm, t.http);
    const quiet = await createProject(t.http, other.token);
    const quietCodes = await createCodes(t.orm, quiet.id, { count: 2 });
    const quietKey = await createApiKey(t.http, other.token, quiet.id, ['redemptions:write']);
    const redeemQuiet = (code: string) =>
      t.http
        .post('/api/v1/redemptions')
        .set(...bearer(quietKey))
        .send({ code, learner: { externalId: `quiet-${code}` } })
        .expect(201);
    await redeemQuiet(quietCodes.codes[0]);

    const r = await receiver();
    await subscribe(r.url, ['code.redeemed'], quiet.id, other.token);
    const redeemed = await redeemQuiet(quietCodes.codes[1]);
    const [got] = await until('the delivery', () => (r.received.length ? r.received : undefined));
    expect(JSON.parse(got.raw).data).toEqual({ redemption: redeemed.body.redemption });
  });

  it('retries a receiver that answers 500 and delivers once it is back, with the same event id', async () => {
    const r = await receiver();
    let calls = 0;
    r.status = () => (++calls <= 2 ? 500 : 204);
    const hook = await subscribe(r.url, ['code.redeemed']);
    const fx = await createCodes(t.orm, project.id);
    await redeem(fx.codes[0], 'retried');

    await until('three attempts', () => (r.received.length >= 3 ? true : undefined));
    const ids = r.received.map((x) => JSON.parse(x.raw).id);
    expect(new Set(ids).size).toBe(1);
    for (const x of r.received) expect(verify(hook.secret, x.raw, x.headers['x-admit-signature'])).toBe(true);
    const [delivery] = await until('the succeeded delivery', async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === 'succeeded' ? items : undefined;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 204 });
  });

  it('keeps retrying a receiver that is down (connection refused) until it is back', async () => {
    const down = await receiver();
    const port = down.port;
    await down.stop();
    const hook = await subscribe(`http://127.0.0.1:${port}/hooks`, ['code.redeemed']);
    const fx = await createCodes(t.orm, project.id);
    await redeem(fx.codes[0], 'patient');

    const [failing] = await until('a failed attempt', async () => {
      const items = await deliveries(hook.id);
      return items[0]?.attempts ? items : undefined;
    });
    expect(failing).toMatchObject({
      status: 'pending',
      lastStatusCode: null,
      lastError: 'connection_failed',
    });

    const back = await receiver(port);
    const [got] = await until('the delivery after the outage', () =>
      back.received.length ? back.received : undefined,
    );
    expect(verify(hook.secret, got.raw, got.headers['x-admit-signature'])).toBe(true);
    const [delivery] = await until('the succeeded delivery', async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === 'succeeded' ? items : undefined;
    });
    expect(delivery.attempts).toBeGreaterThanOrEqual(2);
  });

  it('does not follow redirects: a 3xx is a failed attempt named http_3xx', async () => {
    const target = await receiver();
    const redirecting = await receiver();
    redirecting.status = () => 307;
    redirecting.location = target.url;
    const hook = await subscribe(redirecting.url, ['code.redeemed']);
    const fx = await createCodes(t.orm, project.id);
    await redeem(fx.codes[0], 'redirected');
    const [failing] = await until('a failed attempt', async () => {
      const items = await deliveries(hook.id);
      return items[0]?.attempts ? items : undefined;
    });
    expect(failing).toMatchObject({ status: 'pending', lastStatusCode: 307, lastError: 'http_307' });
    expect(target.received).toHaveLength(0);
  });

  it('sends redemption.revoked only to endpoints that subscribed to it', async () => {
    const revokedOnly = await receiver();
    const redeemedOnly = await receiver();
    const other = await createProject(t.http, owner.token, 'Other project');
    const otherKey = await createApiKey(t.http, owner.token, other.id);
    const a = await subscribe(revokedOnly.url, ['redemption.revoked'], other.id);
    await subscribe(redeemedOnly.url, ['batch.completed'], other.id);
    const fx = await createCodes(t.orm, other.id);
    const redeemed = await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(otherKey))
      .send({ code: fx.codes[0], learner: { externalId: 'revoked' } })
      .expect(201);
    await t.http
      .post(`/api/v1/projects/${other.id}/redemptions/${redeemed.body.redemption.id}/revoke`)
      .set(...bearer(owner.token))
      .send({ reason: 'refund' })
      .expect(200);

    const [got] = await until('the revoke delivery', () =>
      revokedOnly.received.length ? revokedOnly.received : undefined,
    );
    expect(verify(a.secret, got.raw, got.headers['x-admit-signature'])).toBe(true);
    const body = JSON.parse(got.raw);
    expect(body.type).toBe('redemption.revoked');
    expect(body.data.redemption).toMatchObject({ id: redeemed.body.redemption.id, revokeReason: 'refund' });
    await new Promise((r) => setTimeout(r, 300));
    expect(revokedOnly.received).toHaveLength(1);
    expect(redeemedOnly.received).toHaveLength(0);
    const listed = await t.http
      .get(`/api/v1/projects/${other.id}/webhooks/${a.id}/deliveries`)
      .set(...bearer(owner.token))
      .expect(200);
    expect(listed.body.items[0].subject).toEqual({
      type: 'redemption',
      id: redeemed.body.redemption.id,
      code: fx.codes[0],
      learnerExternalId: 'revoked',
    });
  });

  it('writes no outbox row for an event no endpoint listens to', async () => {
    const quiet = await createProject(t.http, owner.token, 'Quiet project');
    const quietKey = await createApiKey(t.http, owner.token, quiet.id);
    const fx = await createCodes(t.orm, quiet.id);
    const conn = t.orm.em.getConnection();
    const [before] = await conn.execute(
      "select count(*)::int as n from outbox_messages where queue = 'webhooks' and payload->>'projectId' = ?",
      [quiet.id],
    );
    await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(quietKey))
      .send({ code: fx.codes[0], learner: { externalId: 'unheard' } })
      .expect(201);
    const [after] = await conn.execute(
      "select count(*)::int as n from outbox_messages where queue = 'webhooks' and payload->>'projectId' = ?",
      [quiet.id],
    );
    expect(after.n).toBe(before.n);
  });
});
