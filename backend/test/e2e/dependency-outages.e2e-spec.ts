import fs from 'node:fs';
import { Writable } from 'node:stream';
import type pg from 'pg';
import type { Response } from 'supertest';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { startSmtpSink, waitFor } from '../utils/smtp-sink.js';
import { PrivatePostgres, PrivateRedis, freePort } from '../utils/private-services.js';
import { WebhookReceiver } from '../utils/webhook-receiver.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { createApiKey, createCodes, type CodesFixture } from '../factories/codes.js';

/**
 * The promise of DESIGN §5: a dependency down → 503 dependency_unavailable with Retry-After within
 * 2 s, never a hang, never a 500; nothing accepted is lost; recovery is automatic. Played against a
 * PostgreSQL and a Redis that this test starts (free loopback ports, temp directories) and stops
 * while a stream of redemptions and public look-ups runs — never the machine's shared servers.
 */

/** An answer slower than this counts as hung (the promise is "within 2 s"). */
const ANSWER_BOUND_MS = 2000;
/** The client gives up here, so a real hang is counted instead of stalling the suite. */
const CLIENT_TIMEOUT_MS = 10_000;
/**
 * How long the mail and webhooks accepted before or during an outage may take to arrive once the
 * test is done with its own calls after the recovery. Work held up by the outage is retried every
 * 2 s without spending attempts, and jobs whose hand-over was lost with the Redis connection are
 * put back at once (see ResilientWorker), so seconds are enough; 30 s leaves room for a loaded
 * machine.
 */
const DELIVERY_WAIT_MS = 30_000;
const CLIENTS = 4;
const PAUSE_MS = 40;

/**
 * Where the webhook receiver listens (loopback) and the settings that let deliveries reach it:
 * outbound webhook URLs are restricted to public addresses, with an operator allowlist for
 * internal receivers; put that allowlist here.
 */
const RECEIVER_HOST = '127.0.0.1';
const RECEIVER_ENV: Record<string, string> = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOWED_HOSTS: RECEIVER_HOST,
};

interface Outcome {
  kind: 'redeem' | 'lookup';
  code: string;
  status: number; // 0 = no answer within CLIENT_TIMEOUT_MS
  ms: number;
  /** When the answer came (ms since the epoch). */
  at: number;
  retryAfter?: string;
  problemCode?: string;
  contentType?: string;
}

function record(kind: Outcome['kind'], code: string, started: number, res?: Response): Outcome {
  return {
    kind,
    code,
    status: res?.status ?? 0,
    ms: Date.now() - started,
    at: Date.now(),
    retryAfter: res?.headers['retry-after'],
    problemCode: res?.body?.code,
    contentType: res?.headers['content-type'],
  };
}

/**
 * What one case works in: its own project, API key, codes and webhook receiver, so that nothing
 * one case left behind (a late webhook, a redemption) is counted by the other.
 */
interface Tenant {
  project: ProjectFixture;
  key: string;
  fx: CodesFixture;
  next: number;
  receiver: WebhookReceiver;
}

/** Seconds from `from` to `to`, one decimal, for the figures printed by each case. */
const seconds = (from: number, to: number) => Math.round((to - from) / 100) / 10;

describe('Dependency outages (e2e, private PostgreSQL and Redis)', () => {
  let redis: PrivateRedis;
  let postgres: PrivatePostgres;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let owner: Account;
  const receivers: WebhookReceiver[] = [];
  const logLines: string[] = [];

  async function tenant(): Promise<Tenant> {
    const project = await createProject(t.http, owner.token);
    const key = await createApiKey(t.http, owner.token, project.id);
    const receiver = await new WebhookReceiver(RECEIVER_HOST).start();
    receivers.push(receiver);
    await t.http
      .post(`/api/v1/projects/${project.id}/webhooks`)
      .set(...bearer(owner.token))
      .send({ url: receiver.url, events: ['code.redeemed', 'redemption.revoked'] })
      .expect(201);
    const fx = await createCodes(t.orm, project.id, { count: 4000 }); // enough for ~100 redemptions a second
    return { project, key, fx, next: 0, receiver };
  }

  /** The next unused code of the tenant's fixture, one per redemption. */
  function takeCode(c: Tenant): string | undefined {
    return c.fx.codes[c.next++];
  }

  async function redeem(c: Tenant, code: string, idempotencyKey?: string): Promise<Outcome> {
    const started = Date.now();
    const req = t.http
      .post('/api/v1/redemptions')
      .set(...bearer(c.key))
      .timeout(CLIENT_TIMEOUT_MS)
      .send({ code, learner: { externalId: `learner-${code}` } });
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    try {
      return record('redeem', code, started, await req);
    } catch {
      return record('redeem', code, started);
    }
  }

  async function lookUp(c: Tenant, code: string): Promise<Outcome> {
    const started = Date.now();
    try {
      const res = await t.http
        .get(`/api/v1/public/${c.project.slug}/codes/${code}`)
        .set('X-Forwarded-For', '198.51.100.7')
        .timeout(CLIENT_TIMEOUT_MS);
      return record('lookup', code, started, res);
    } catch {
      return record('lookup', code, started);
    }
  }

  /**
   * CLIENTS concurrent callers, each alternating a redemption of a fresh code and a public
   * look-up of an unused one, until `scenario` has run.
   */
  async function traffic(c: Tenant, scenario: () => Promise<void>, idempotent = false): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let done = false;
    const lookupCode = c.fx.codes[c.fx.codes.length - 1];
    const client = async () => {
      while (!done) {
        const code = takeCode(c);
        if (!code || c.next >= c.fx.codes.length - 1) throw new Error('The fixture ran out of codes');
        outcomes.push(await redeem(c, code, idempotent ? `outage-${code}` : undefined));
        outcomes.push(await lookUp(c, lookupCode));
        await new Promise((r) => setTimeout(r, PAUSE_MS));
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    try {
      await scenario();
    } finally {
      done = true;
      await Promise.all(clients);
    }
    return outcomes;
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  function summary(outcomes: Outcome[]) {
    const hung = outcomes.filter((o) => o.status === 0 || o.ms > ANSWER_BOUND_MS);
    const byStatus: Record<number, number> = {};
    for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    return {
      requests: outcomes.length,
      maxMs: Math.max(...outcomes.map((o) => o.ms)),
      hung: hung.length,
      byStatus,
    };
  }

  /** Every refusal during an outage is a well-formed 503 the caller can act on. */
  function expectWellFormed(outcomes: Outcome[]): void {
    for (const o of outcomes.filter((x) => x.status === 503)) {
      expect(o).toMatchObject({
        problemCode: 'dependency_unavailable',
        retryAfter: expect.stringMatching(/^\d+$/),
        contentType: expect.stringContaining('application/problem+json'),
      });
    }
    const unexpected = outcomes.filter((o) => ![200, 201, 503].includes(o.status));
    expect(unexpected).toEqual([]);
  }

  async function redeemedCodes(c: Tenant, codes: string[]): Promise<Map<string, number>> {
    const rows = await t.orm.em.fork().execute<{ code: string; n: string }[]>(
      `select c.code, count(*) as n from redemptions r join access_codes c on c.id = r.code_id
          where c.project_id = ? and c.code = any(?::text[]) and r.revoked_at is null group by c.code`,
      [c.project.id, `{${codes.join(',')}}`],
    );
    return new Map(rows.map((r) => [r.code, Number(r.n)]));
  }

  async function ready(): Promise<{ status: number; body: unknown; ms: number }> {
    const started = Date.now();
    const res = await t.http.get('/health/ready').timeout(CLIENT_TIMEOUT_MS);
    return { status: res.status, body: res.body, ms: Date.now() - started };
  }

  /** Deliveries received per event id; each event must arrive exactly once. */
  function deliveriesByEvent(c: Tenant): Map<string, number> {
    const counts = new Map<string, number>();
    for (const hook of c.receiver.received) {
      const id = (JSON.parse(hook.raw) as { id: string }).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Seconds from the dependency's return to: the first call answered 2xx, the mail, and the last
   * webhook of an event that happened before the return (the backlog the outage held up).
   */
  function recovery(c: Tenant, outcomes: Outcome[], backAt: number, notifyEmail: string) {
    const firstOk = outcomes.find((o) => o.at >= backAt && (o.status === 200 || o.status === 201));
    const mail = smtp.mails.find((m) => m.to.includes(notifyEmail));
    const backlog = c.receiver.received.filter(
      (h) => Date.parse((JSON.parse(h.raw) as { createdAt: string }).createdAt) < backAt,
    );
    return {
      firstAnswer2xx: firstOk ? seconds(backAt, firstOk.at) : null,
      mail: mail ? seconds(backAt, mail.at) : null,
      backlogWebhooks: backlog.length,
      lastBacklogWebhook: backlog.length ? seconds(backAt, Math.max(...backlog.map((h) => h.at))) : null,
    };
  }

  beforeAll(async () => {
    [redis, postgres] = [
      new PrivateRedis(await freePort()),
      new PrivatePostgres(await freePort(), 'admit_outage_test'),
    ];
    [smtp] = await Promise.all([startSmtpSink(), redis.start(), postgres.start()]);
    const logs = new Writable({
      write(chunk: Buffer, _enc, callback) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        callback();
      },
    });
    t = await bootTestApp(
      {
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: 'outage',
        SMTP_URL: smtp.url,
        LOG_LEVEL: 'info',
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_MAX_ATTEMPTS: '10',
        ...RECEIVER_ENV,
      },
      { logDestination: logs },
    );
    owner = await createAccount(t.orm, t.http);
  }, 120_000);

  afterAll(async () => {
    if (process.env.OUTAGE_LOG_FILE) fs.writeFileSync(process.env.OUTAGE_LOG_FILE, logLines.join('\n'));
    await t?.close();
    await Promise.all([
      redis?.destroy(),
      postgres?.destroy(),
      smtp?.close(),
      ...receivers.map((r) => r.stop()),
    ]);
  });

  it('answers 503 with Retry-After within 2 s while Redis is down, loses nothing, and recovers by itself', async () => {
    const c = await tenant();
    const notifyEmail = 'redis-outage@example.test';
    let revokedId = '';
    let healthDown: Awaited<ReturnType<typeof ready>> | undefined;
    let backAt = 0;

    const outcomes = await traffic(c, async () => {
      await sleep(1500);
      // A redemption that was accepted before the outage, to revoke during it.
      const before = await redeem(c, takeCode(c)!);
      expect(before.status).toBe(201);
      const beforeId = (
        await t.orm.em
          .fork()
          .execute<{ id: string }[]>(
            'select r.id from redemptions r join access_codes c on c.id = r.code_id where c.code = ?',
            [before.code],
          )
      )[0].id;

      await redis.stop();
      await sleep(300);
      healthDown = await ready();
      // Work that needs only PostgreSQL is still accepted; its mail and webhook wait in the outbox.
      const batch = await t.http
        .post(`/api/v1/projects/${c.project.id}/batches`)
        .set(...bearer(owner.token))
        .send({ productId: c.fx.productId, planId: c.fx.planId, count: 3, notify: true, notifyEmail });
      expect(batch.status).toBe(201);
      const revoked = await t.http
        .post(`/api/v1/projects/${c.project.id}/redemptions/${beforeId}/revoke`)
        .set(...bearer(owner.token))
        .send({ reason: 'Revoked while Redis was down' });
      expect(revoked.status).toBe(200);
      revokedId = revoked.body.redemption.id;
      await sleep(5000);
      await redis.start();
      backAt = Date.now();
      await sleep(4000);
    });

    const stats = summary(outcomes);
    console.log(`Redis outage: ${JSON.stringify(stats)}`);
    expect(healthDown).toMatchObject({
      status: 503,
      body: { status: 'unavailable', checks: { postgres: 'up', redis: 'down' } },
    });
    expect(healthDown!.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect(stats.hung).toBe(0);
    expectWellFormed(outcomes);
    expect(stats.byStatus[503]).toBeGreaterThan(0); // the outage was real

    // Every 201 is in the database exactly once; no 503 left a redemption behind.
    const redemptions = outcomes.filter((o) => o.kind === 'redeem');
    const inDb = await redeemedCodes(
      c,
      redemptions.map((o) => o.code),
    );
    const lost = redemptions.filter((o) => o.status === 201 && inDb.get(o.code) !== 1);
    const ghosts = redemptions.filter((o) => o.status === 503 && inDb.has(o.code));
    expect({ lost: lost.length, ghosts: ghosts.length }).toEqual({ lost: 0, ghosts: 0 });

    // Recovered without help: the last calls succeeded, and every refused one now goes through.
    expect(outcomes.slice(-2 * CLIENTS).every((o) => o.status === 200 || o.status === 201)).toBe(true);
    for (const o of redemptions.filter((x) => x.status === 503)) {
      expect((await redeem(c, o.code)).status).toBe(201);
    }
    expect((await ready()).status).toBe(200);

    // The mail and the webhook accepted during the outage go out, once.
    await waitFor(() => smtp.mails.some((m) => m.to.includes(notifyEmail)), DELIVERY_WAIT_MS);
    const expectedEvents = redemptions.filter((o) => o.status === 201 || o.status === 503).length + 2; // + `before` + revoke
    await waitFor(() => c.receiver.received.length >= expectedEvents, DELIVERY_WAIT_MS);
    await sleep(1500); // a duplicate would arrive now
    expect(smtp.mails.filter((m) => m.to.includes(notifyEmail))).toHaveLength(1);
    const byEvent = deliveriesByEvent(c);
    expect([...byEvent.values()].filter((n) => n > 1)).toEqual([]);
    expect(byEvent.size).toBe(expectedEvents);
    expect(
      c.receiver.received.some((h) => h.raw.includes(revokedId) && h.raw.includes('redemption.revoked')),
    ).toBe(true);
    console.log(
      `Redis outage deliveries: mails ${smtp.mails.filter((m) => m.to.includes(notifyEmail)).length}, webhooks ${c.receiver.received.length} for ${byEvent.size} events; seconds after Redis was back: ${JSON.stringify(recovery(c, outcomes, backAt, notifyEmail))}`,
    );

    // Why a call got 503 is in the log (not in the answer): which dependency, the driver's error,
    // and the request it happened to.
    const parsed = logLines.map((l) => JSON.parse(l));
    expect(
      parsed.find((l) => l.msg === 'Dependency unavailable: redis' && l.route === '/api/v1/redemptions'),
    ).toMatchObject({
      level: 40,
      dependency: 'redis',
      method: 'POST',
      requestId: expect.any(String),
      principal: { kind: 'apiKey', id: expect.any(String) },
      err: { message: expect.any(String), stack: expect.any(String) },
    });
    // The relay said why it waited, as text with the error, not "[object Object]".
    const relay = parsed.filter((l) => l.context === 'OutboxRelay');
    expect(relay.some((l) => /retrying/.test(l.msg) && typeof l.err?.message === 'string')).toBe(true);
    expect(logLines.some((l) => l.includes('[object Object]'))).toBe(false);
  }, 180_000);

  it('answers 503 with Retry-After within 2 s while PostgreSQL is down, loses nothing, and recovers by itself', async () => {
    const c = await tenant();
    const notifyEmail = 'pg-outage@example.test';
    let healthDown: Awaited<ReturnType<typeof ready>> | undefined;
    let consoleCall: Response | undefined;
    let backAt = 0;

    const outcomes = await traffic(
      c,
      async () => {
        await sleep(1500);
        // Accepted just before the outage: its mail must still go out once.
        await t.http
          .post(`/api/v1/projects/${c.project.id}/batches`)
          .set(...bearer(owner.token))
          .send({ productId: c.fx.productId, planId: c.fx.planId, count: 3, notify: true, notifyEmail })
          .expect(201);
        await postgres.stop();
        await sleep(300);
        healthDown = await ready();
        consoleCall = await t.http
          .get('/api/v1/projects')
          .set(...bearer(owner.token))
          .timeout(CLIENT_TIMEOUT_MS);
        await sleep(4500);
        await postgres.start();
        backAt = Date.now();
        await sleep(4000);
      },
      true,
    );

    const stats = summary(outcomes);
    console.log(`PostgreSQL outage: ${JSON.stringify(stats)}`);
    expect(healthDown).toMatchObject({
      status: 503,
      body: { status: 'unavailable', checks: { postgres: 'down', redis: 'up' } },
    });
    expect(JSON.stringify(healthDown!.body)).not.toMatch(/127\.0\.0\.1|ECONN|:\d{4,5}/);
    expect(healthDown!.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect(consoleCall!.status).toBe(503);
    expect(consoleCall!.headers['retry-after']).toMatch(/^\d+$/);
    expect(consoleCall!.body.code).toBe('dependency_unavailable');
    expect(JSON.stringify(consoleCall!.body)).not.toMatch(/127\.0\.0\.1|ECONN|terminat/i);
    expect(stats.hung).toBe(0);
    expectWellFormed(outcomes);
    expect(stats.byStatus[503]).toBeGreaterThan(0);

    // A 201 is in the database. A 503 during a commit cannot tell whether the commit landed, so
    // the caller retries with the same Idempotency-Key: it gets the stored answer or redeems now,
    // and the code ends up redeemed exactly once either way.
    const redemptions = outcomes.filter((o) => o.kind === 'redeem');
    for (const o of redemptions.filter((x) => x.status === 503)) {
      expect((await redeem(c, o.code, `outage-${o.code}`)).status).toBe(201);
    }
    const inDb = await redeemedCodes(
      c,
      redemptions.map((o) => o.code),
    );
    const notOnce = redemptions.filter((o) => inDb.get(o.code) !== 1);
    expect(notOnce).toEqual([]);
    expect(outcomes.slice(-2 * CLIENTS).every((o) => o.status === 200 || o.status === 201)).toBe(true);
    expect((await ready()).status).toBe(200);
    // No connection of the pool is left checked out to a server that is gone: all come back.
    const pool = (await t.orm.em.getConnection().getNativeClient()) as unknown as pg.Pool;
    await waitFor(() => pool.totalCount - pool.idleCount === 0, 10_000);

    await waitFor(() => smtp.mails.some((m) => m.to.includes(notifyEmail)), DELIVERY_WAIT_MS);
    const expectedEvents = redemptions.length;
    await waitFor(() => c.receiver.received.length >= expectedEvents, DELIVERY_WAIT_MS);
    await sleep(1500);
    expect(smtp.mails.filter((m) => m.to.includes(notifyEmail))).toHaveLength(1);
    const byEvent = deliveriesByEvent(c);
    expect([...byEvent.values()].filter((n) => n > 1)).toEqual([]);
    expect(byEvent.size).toBe(expectedEvents);
    console.log(
      `PostgreSQL outage deliveries: mails ${smtp.mails.filter((m) => m.to.includes(notifyEmail)).length}, webhooks ${c.receiver.received.length} for ${byEvent.size} events; seconds after PostgreSQL was back: ${JSON.stringify(recovery(c, outcomes, backAt, notifyEmail))}`,
    );
  }, 180_000);
});
