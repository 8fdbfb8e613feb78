import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { bearer, createAccount, createProject } from '../factories/accounts.js';
import { createCatalog, waitForBatch } from '../factories/catalog.js';
import { startSmtpSink } from '../utils/smtp-sink.js';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { until } from '../utils/until.js';
import { WebhookReceiver } from '../utils/webhook-receiver.js';
import { withWorkerProcesses } from '../utils/worker-process.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const DOCKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docker');

/** The value of one sample of the Prometheus text format, matched on every label given. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('metrics an operator asks for (e2e)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const receiver = new WebhookReceiver();

  const scrape = async () =>
    (await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    await receiver.start();
    t = await bootTestApp({
      METRICS_TOKEN,
      SMTP_URL: smtp.url,
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      LOGIN_FAILURES_PER_ACCOUNT_ADDRESS: '2',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await receiver.stop();
  });

  it('counts batches, codes, redemptions, refusals, deliveries and lockouts with their labels', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const catalog = await createCatalog(t.http, owner.token, project.id);
    const api = `/api/v1/projects/${project.id}`;
    await t.http
      .post(`${api}/webhooks`)
      .set(...bearer(owner.token))
      .send({ url: receiver.url, events: ['code.redeemed'] })
      .expect(201);
    const key = await t.http
      .post(`${api}/api-keys`)
      .set(...bearer(owner.token))
      .send({ name: 'Metrics', scopes: ['redemptions:write', 'codes:read'] })
      .expect(201);
    const service = bearer(key.body.secret);

    // A standard batch of 3 with its email, and a bulk batch of 150.
    const standard = await t.http
      .post(`${api}/batches`)
      .set(...bearer(owner.token))
      .send({
        productId: catalog.productId,
        planId: catalog.planId,
        count: 3,
        usageType: 'single',
        notify: true,
      })
      .expect(201);
    const codes = (standard.body.codes as { code: string }[]).map((c) => c.code);
    const bulk = await t.http
      .post(`${api}/batches`)
      .set(...bearer(owner.token))
      .send({ productId: catalog.productId, planId: catalog.planId, count: 150, usageType: 'single' })
      .expect(202);
    await waitForBatch(t.http, owner.token, project.id, bulk.body.batch.id);

    // Redeemed once over the API; refused to a second learner; one validation refusal; one unknown.
    const learner = { externalId: 'learner-1' };
    await t.http
      .post('/api/v1/redemptions')
      .set(...service)
      .send({ code: codes[0], learner })
      .expect(201);
    await t.http
      .post('/api/v1/redemptions')
      .set(...service)
      .send({ code: codes[0], learner: { externalId: 'learner-2' } })
      .expect(409);
    await t.http
      .post('/api/v1/redemptions/validate')
      .set(...service)
      .send({ code: codes[0] })
      .expect(200);
    await t.http
      .post('/api/v1/redemptions/validate')
      .set(...service)
      .send({ code: 'ZZZZ-ZZZZ-ZZZZ' })
      .expect(404);
    await t.http
      .post(`/api/v1/public/${project.slug}/redemptions`)
      .send({ code: codes[1], name: 'Ada', email: 'ada@example.test' })
      .expect(201);
    // Two wrong passwords from one address: the second locks the account there.
    for (const status of [401, 429])
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: owner.email, password: 'not the password at all' })
        .expect(status);

    await until(
      'the email and both webhook deliveries',
      () => smtp.mails.length >= 1 && receiver.received.length >= 2,
    );
    const text = await until('delivery counters', async () => {
      const now = await scrape();
      return (sample(now, 'admit_webhook_deliveries_total', { outcome: 'succeeded' }) ?? 0) >= 2 &&
        (sample(now, 'admit_mail_deliveries_total', { outcome: 'sent' }) ?? 0) >= 1
        ? now
        : undefined;
    });

    expect(sample(text, 'admit_codes_generated_total', { mode: 'standard' })).toBe(3);
    expect(sample(text, 'admit_codes_generated_total', { mode: 'bulk' })).toBe(150);
    expect(sample(text, 'admit_batch_duration_seconds_count', { mode: 'standard', size: 'lt_1k' })).toBe(1);
    expect(sample(text, 'admit_batch_duration_seconds_count', { mode: 'bulk', size: 'lt_1k' })).toBe(1);
    expect(sample(text, 'admit_redemptions_total', { outcome: 'redeemed', channel: 'api' })).toBe(1);
    expect(
      sample(text, 'admit_redemptions_total', { outcome: 'code_already_redeemed', channel: 'api' }),
    ).toBe(1);
    expect(sample(text, 'admit_redemptions_total', { outcome: 'redeemed', channel: 'activation_page' })).toBe(
      1,
    );
    expect(sample(text, 'admit_validation_refusals_total', { code: 'code_already_redeemed' })).toBe(1);
    expect(sample(text, 'admit_validation_refusals_total', { code: 'code_not_found' })).toBe(1);
    expect(sample(text, 'admit_mail_deliveries_total', { outcome: 'sent' })).toBe(1);
    expect(sample(text, 'admit_webhook_deliveries_total', { outcome: 'succeeded' })).toBe(2);
    expect(sample(text, 'admit_lockouts_total', { subject: 'login' })).toBe(1);
    expect(
      sample(text, 'admit_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/redemptions',
        status: '201',
      }),
    ).toBe(1);
  });

  it('reads queue, outbox, pool and Redis gauges at scrape time', async () => {
    const text = await scrape();
    for (const queue of ['batches', 'mail', 'webhooks', 'outbox'])
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(sample(text, 'admit_queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
    // The bulk batch's run and its chunks went through the batches queue.
    expect(sample(text, 'admit_queue_jobs', { queue: 'batches', state: 'completed' })).toBeGreaterThan(0);
    // Everything written to the outbox has been dispatched by now: no backlog, no lag.
    const settled = await until('an empty outbox', async () => {
      const now = await scrape();
      return sample(now, 'admit_outbox_pending') === 0 ? now : undefined;
    });
    expect(sample(settled, 'admit_outbox_lag_seconds')).toBe(0);
    for (const pool of ['orm', 'redeem', 'hot', 'read']) {
      expect(sample(text, 'admit_pg_pool_connections', { pool, state: 'in_use' })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'admit_pg_pool_connections', { pool, state: 'waiting' })).toBe(0);
      expect(sample(text, 'admit_pg_pool_max', { pool })).toBeGreaterThan(0);
    }
    expect(sample(text, 'admit_redis_roundtrip_seconds')).toBeGreaterThan(0);
  });

  it('has every metric that the shipped alert rules and Grafana dashboard query', async () => {
    const text = await scrape();
    const exposed = new Set(
      [...text.matchAll(/^# TYPE (\w+) (\w+)$/gm)].flatMap(([, name, type]) =>
        type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name],
      ),
    );
    const rules = parse(readFileSync(path.join(DOCKER, 'monitoring/alerts.yml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const alertExprs = rules.groups.flatMap((g) => g.rules.map((r) => r.expr));
    expect(rules.groups.flatMap((g) => g.rules.map((r) => r.alert))).toEqual(
      expect.arrayContaining([
        'AdmitOutboxLagging',
        'AdmitFailedJobs',
        'AdmitHigh5xxRate',
        'AdmitPoolSaturated',
      ]),
    );
    const dashboard = JSON.parse(
      readFileSync(path.join(DOCKER, 'monitoring/grafana-dashboard.json'), 'utf8'),
    ) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const panelExprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((target) => target.expr));
    const queried = new Set([...alertExprs, ...panelExprs].flatMap((e) => e.match(/\badmit_\w+/g) ?? []));
    expect(queried.size).toBeGreaterThan(10);
    expect([...queried].filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('labels requests by route template, never by the URL', async () => {
    await t.http.get('/api/v1/projects/00000000-0000-4000-8000-000000000001/codes').expect(401);
    const text = await scrape();
    expect(text).toContain('route="/api/v1/projects/:projectId/codes"');
    expect(text).not.toContain('00000000-0000-4000-8000-000000000001');
  });
});

describe('metrics of a worker process (e2e)', () => {
  const env = withWorkerProcesses({ METRICS_TOKEN });

  it('serves its own counters on PORT behind the token', async () => {
    const port = await freePort();
    env.start({ PORT: String(port), HOST: '127.0.0.1' });
    const { owner, project, catalog } = await env.bulkProject(1000);
    const created = await env.t.http
      .post(`/api/v1/projects/${project.id}/batches`)
      .set(...bearer(owner.token))
      .send({ productId: catalog.productId, planId: catalog.planId, count: 200, usageType: 'single' })
      .expect(202);
    // Generous: on a loaded machine a worker process has taken over a minute to boot.
    await waitForBatch(env.t.http, owner.token, project.id, created.body.batch.id, 180_000);
    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const text = await until('the worker to count the batch', async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      const body = await res.text();
      return sample(body, 'admit_codes_generated_total', { mode: 'bulk' }) === 200 ? body : undefined;
    });
    expect(sample(text, 'admit_batch_duration_seconds_count', { mode: 'bulk', size: 'lt_1k' })).toBe(1);
  });
});
