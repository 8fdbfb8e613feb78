import { createCodeGenerator, resolveFormat } from '@admit/codes';
import { randomInt, randomUUID } from 'node:crypto';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { createApiKey, createCodes } from '../factories/codes.js';
import type { Redis } from 'ioredis';
import { REDIS } from '../../src/common/queue/redis.module.js';
import { FailureRateLimiter } from '../../src/common/http/rate-limiter.js';

/** A client address of its own per test, so failure budgets of one test never touch another. */
function someAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

const HOUR = 3600_000;

describe('Redemptions for services (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  let project: ProjectFixture;
  let key: string;

  beforeAll(async () => {
    t = await bootTestApp();
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    key = await createApiKey(t.http, owner.token, project.id);
  });
  afterAll(() => t.close());

  const redeem = (code: string, externalId: string, apiKey = key, ip = someAddress()) =>
    t.http
      .post('/api/v1/redemptions')
      .set(...bearer(apiKey))
      .set('X-Forwarded-For', ip)
      .send({ code, learner: { externalId, email: `${externalId}@example.test`, name: 'Ada Lovelace' } });

  async function codeRow(id: string): Promise<{ redemption_count: number; last_redeemed_at: Date | null }> {
    const [row] = await t.orm.em
      .getConnection()
      .execute<{ redemption_count: number; last_redeemed_at: Date | null }[]>(
        'select redemption_count, last_redeemed_at from access_codes where id = ?',
        [id],
      );
    return row;
  }

  async function redemptionCount(codeId: string): Promise<number> {
    const [row] = await t.orm.em
      .getConnection()
      .execute('select count(*)::int as n from redemptions where code_id = ?', [codeId]);
    return row.n;
  }

  it('redeems a code for a learner and answers the grant, recording the source and an audit entry', async () => {
    const fx = await createCodes(t.orm, project.id, { accessDays: 30 });
    const ip = someAddress();
    const res = await redeem(fx.display[0].toLowerCase(), 'learner-1', key, ip)
      .set('User-Agent', 'LMS/2.1')
      .expect(201);
    const { redemption } = res.body;
    expect(redemption).toMatchObject({
      id: expect.any(String),
      code: fx.codes[0],
      product: { id: fx.productId, name: 'Algebra course' },
      plan: { id: fx.planId, name: 'Monthly', accessDays: 30 },
      learner: { externalId: 'learner-1', email: 'learner-1@example.test', name: 'Ada Lovelace' },
      channel: 'api',
      revokedAt: null,
      revokeReason: null,
    });
    const redeemedAt = Date.parse(redemption.redeemedAt);
    expect(Math.abs(redeemedAt - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(redemption.accessUntil) - redeemedAt).toBe(30 * 24 * HOUR);

    expect((await codeRow(fx.ids[0])).redemption_count).toBe(1);
    const conn = t.orm.em.getConnection();
    const [row] = await conn.execute(
      'select api_key_name, ip, user_agent, channel from redemptions where id = ?',
      [redemption.id],
    );
    expect(row).toEqual({ api_key_name: 'LMS integration', ip, user_agent: 'LMS/2.1', channel: 'api' });
    const events = await conn.execute(
      'select type, actor_type, actor_name, data from code_events where code_id = ?',
      [fx.ids[0]],
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'redeemed',
        actor_type: 'api_key',
        actor_name: 'LMS integration',
        data: expect.objectContaining({ redemptionId: redemption.id, learnerExternalId: 'learner-1' }),
      }),
    ]);
  });

  it('grants lifetime access when the plan has no access days', async () => {
    const fx = await createCodes(t.orm, project.id, { accessDays: null });
    const res = await redeem(fx.codes[0], 'lifetime-learner').expect(201);
    expect(res.body.redemption.accessUntil).toBeNull();
    expect(res.body.redemption.plan.accessDays).toBeNull();
  });

  it('normalises what is typed: case, spaces, dashes and look-alike letters', async () => {
    const fx = await createCodes(t.orm, project.id);
    const typed = ` ${fx.display[0].toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' - ')} `;
    await redeem(typed, 'typist').expect(201);
  });

  it('redeems a single-use code exactly once under 50 concurrent requests', async () => {
    const fx = await createCodes(t.orm, project.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => redeem(fx.codes[0], `racer-${i}`)),
    );
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(new Set(refused.map((r) => r.body.code))).toEqual(new Set(['code_already_redeemed']));
    expect((await codeRow(fx.ids[0])).redemption_count).toBe(1);
    expect(await redemptionCount(fx.ids[0])).toBe(1);
  });

  it('never passes maxRedemptions of a multiple code under 50 concurrent learners', async () => {
    const fx = await createCodes(t.orm, project.id, { usageType: 'multiple', maxRedemptions: 5 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => redeem(fx.codes[0], `crowd-${i}`)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(45);
    expect(new Set(refused.map((r) => `${r.status} ${r.body.code}`))).toEqual(
      new Set(['409 code_exhausted']),
    );
    expect((await codeRow(fx.ids[0])).redemption_count).toBe(5);
    expect(await redemptionCount(fx.ids[0])).toBe(5);
  });

  it('refuses the same learner twice, also when the two requests race', async () => {
    const fx = await createCodes(t.orm, project.id, { usageType: 'multiple', count: 2 });
    await redeem(fx.codes[0], 'twice').expect(201);
    const again = await redeem(fx.codes[0], 'twice').expect(409);
    expect(again.body.code).toBe('already_redeemed_by_learner');
    expect((await codeRow(fx.ids[0])).redemption_count).toBe(1);

    const racing = await Promise.all(Array.from({ length: 10 }, () => redeem(fx.codes[1], 'racer')));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(racing.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`))).toEqual(
      new Set(['409 already_redeemed_by_learner']),
    );
    // The losers' increments were rolled back with their transactions.
    expect((await codeRow(fx.ids[1])).redemption_count).toBe(1);
    expect(await redemptionCount(fx.ids[1])).toBe(1);
  });

  it('says why a code cannot be redeemed: expired, not yet valid, inactive', async () => {
    const expired = await createCodes(t.orm, project.id, { validTill: new Date(Date.now() - HOUR) });
    const early = await createCodes(t.orm, project.id, { validFrom: new Date(Date.now() + HOUR) });
    const inactive = await createCodes(t.orm, project.id, { active: false });
    for (const [fx, code] of [
      [expired, 'code_expired'],
      [early, 'code_not_yet_valid'],
      [inactive, 'code_inactive'],
    ] as const) {
      const res = await redeem(fx.codes[0], 'hopeful').expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, code, detail: expect.any(String) });
      expect((await codeRow(fx.ids[0])).redemption_count).toBe(0);

      const validation = await t.http
        .post('/api/v1/redemptions/validate')
        .set(...bearer(key))
        .send({ code: fx.codes[0] })
        .expect(200);
      expect(validation.body).toMatchObject({ valid: false, reason: code });
    }
  });

  it('answers 404 code_not_found for an unknown code, and code_mistyped when the check character catches a typo', async () => {
    const unknown = await redeem('ZZZZ-ZZZZ-ZZZZ', 'guesser').expect(404);
    expect(unknown.body.code).toBe('code_not_found');

    const checked = await createCodes(t.orm, project.id, { checkChar: true });
    const code = checked.codes[0];
    // One wrong symbol: the Damm check character catches every single substitution.
    const wrong = code[2] === 'X' ? 'Y' : 'X';
    const typo = await redeem(`${code.slice(0, 2)}${wrong}${code.slice(3)}`, 'typist').expect(400);
    expect(typo.body).toMatchObject({ code: 'code_mistyped', detail: expect.stringMatching(/typo/) });

    // A code with a valid check character that does not exist is unknown, not mistyped.
    const [other] = createCodeGenerator(resolveFormat({ checkChar: true })).many(1);
    const missing = await redeem(other, 'typist').expect(404);
    expect(missing.body.code).toBe('code_not_found');
    await redeem(code, 'typist').expect(201);
  });

  it('validates without redeeming: product and plan for a redeemable code', async () => {
    const fx = await createCodes(t.orm, project.id);
    const res = await t.http
      .post('/api/v1/redemptions/validate')
      .set(...bearer(key))
      .send({ code: fx.display[0] })
      .expect(200);
    expect(res.body).toEqual({
      valid: true,
      product: { id: fx.productId, name: 'Algebra course' },
      plan: { id: fx.planId, name: 'Monthly', accessDays: 30 },
    });
    expect((await codeRow(fx.ids[0])).redemption_count).toBe(0);

    await redeem(fx.codes[0], 'validated').expect(201);
    const used = await t.http
      .post('/api/v1/redemptions/validate')
      .set(...bearer(key))
      .send({ code: fx.codes[0] })
      .expect(200);
    expect(used.body).toMatchObject({ valid: false, reason: 'code_already_redeemed' });
    const mine = await t.http
      .post('/api/v1/redemptions/validate')
      .set(...bearer(key))
      .send({ code: fx.codes[0], learner: { externalId: 'validated' } })
      .expect(200);
    expect(mine.body).toMatchObject({ valid: false, reason: 'already_redeemed_by_learner' });
    const unknown = await t.http
      .post('/api/v1/redemptions/validate')
      .set(...bearer(key))
      .send({ code: 'ZZZZ-ZZZZ-ZZZZ' })
      .expect(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'code_not_found' });
  });

  it('replays an idempotent redemption and refuses the key with another body', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 2 });
    const idempotencyKey = randomUUID();
    const body = { code: fx.codes[0], learner: { externalId: 'retrying' } };
    const first = await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .set('Idempotency-Key', idempotencyKey)
      .send(body)
      .expect(201);
    const retry = await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .set('Idempotency-Key', idempotencyKey)
      .send(body)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await redemptionCount(fx.ids[0])).toBe(1);

    const other = await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .set('Idempotency-Key', idempotencyKey)
      .send({ code: fx.codes[1], learner: { externalId: 'retrying' } })
      .expect(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await redemptionCount(fx.ids[1])).toBe(0);
  });

  it('reads a code of the key’s project with its redemptions', async () => {
    const fx = await createCodes(t.orm, project.id, { usageType: 'multiple', maxRedemptions: 3 });
    await redeem(fx.codes[0], 'reader-1').expect(201);
    await redeem(fx.codes[0], 'reader-2').expect(201);
    const res = await t.http
      .get(`/api/v1/codes/${fx.display[0]}`)
      .set(...bearer(key))
      .expect(200);
    expect(res.body.code).toMatchObject({
      id: fx.ids[0],
      code: fx.codes[0],
      display: fx.display[0],
      usageType: 'multiple',
      maxRedemptions: 3,
      redemptionCount: 2,
      active: true,
      status: 'used',
      expired: false,
    });
    expect(res.body.code.redeemedBy.map((r: { externalId: string }) => r.externalId).sort()).toEqual([
      'reader-1',
      'reader-2',
    ]);
    expect(res.body.redemptions).toHaveLength(2);
    await t.http
      .get('/api/v1/codes/AAAA-BBBB-CCCC')
      .set(...bearer(key))
      .expect(404);
  });

  it('keeps projects apart: another project’s key cannot redeem, validate or read these codes', async () => {
    const fx = await createCodes(t.orm, project.id);
    const stranger = await createAccount(t.orm, t.http);
    const otherProject = await createProject(t.http, stranger.token);
    const otherKey = await createApiKey(t.http, stranger.token, otherProject.id);

    const redeemed = await redeem(fx.codes[0], 'intruder', otherKey).expect(404);
    expect(redeemed.body.code).toBe('code_not_found');
    const validated = await t.http
      .post('/api/v1/redemptions/validate')
      .set(...bearer(otherKey))
      .send({ code: fx.codes[0] })
      .expect(404);
    expect(validated.body).toMatchObject({ status: 404, code: 'code_not_found' });
    const read = await t.http
      .get(`/api/v1/codes/${fx.codes[0]}`)
      .set(...bearer(otherKey))
      .expect(404);
    expect(read.body.code).toBe('code_not_found');
    expect((await codeRow(fx.ids[0])).redemption_count).toBe(0);
  });

  it('needs an API key with the right scope', async () => {
    const fx = await createCodes(t.orm, project.id);
    const readOnly = await createApiKey(t.http, owner.token, project.id, ['codes:read']);
    const res = await redeem(fx.codes[0], 'scoped', readOnly).expect(403);
    expect(res.body.code).toBe('forbidden');
    await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(owner.token))
      .send({ code: fx.codes[0], learner: { externalId: 'console' } })
      .expect(403);
    await t.http
      .post('/api/v1/redemptions')
      .send({ code: fx.codes[0], learner: { externalId: 'x' } })
      .expect(401);
    const invalid = await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .send({ code: '', learner: { externalId: '' }, extra: 1 })
      .expect(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'code',
      'extra',
      'learner.externalId',
    ]);
  });

  it('locks out an API key after 100 unknown codes in a minute, with Retry-After, without counting successes', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 3 });
    const guesser = await createApiKey(t.http, owner.token, project.id);
    const ip = someAddress();
    await redeem(fx.codes[0], 'ok-1', guesser, ip).expect(201);
    for (let i = 0; i < 100; i++) {
      const res = await redeem(`ZZZZ${String(i).padStart(8, '0')}`, 'guesser', guesser, ip);
      expect(res.status).toBe(404);
    }
    const locked = await redeem(fx.codes[1], 'ok-2', guesser, ip).expect(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The locked-out request redeemed nothing: the single-use code is still free for others.
    await redeem(fx.codes[1], 'ok-2').expect(201);
    // Another key from another address is not affected.
    await redeem(fx.codes[2], 'ok-3').expect(201);
  });

  it('asks Redis nothing on a successful redemption (locks are checked in the process’s copy) and once per failure', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 1 });
    const redis = t.app.get<Redis>(REDIS);
    const limiter = t.app.get(FailureRateLimiter);
    const ip = someAddress();
    await redeem('ZZZZ00000000', 'warm-up', key, ip).expect(404); // the key is now cached and the scripts loaded
    const sent: string[] = [];
    const original = redis.sendCommand.bind(redis);
    redis.sendCommand = ((command: { name: string }) => {
      sent.push(command.name);
      return original(command as never);
    }) as typeof redis.sendCommand;
    try {
      // The copy of the locks is read once after the process first checks one; until then, Redis is asked.
      const deadline = Date.now() + 5000;
      do {
        sent.length = 0;
        await limiter.assertAllowed(`probe:${ip}`);
      } while (sent.length && Date.now() < deadline);
      expect(sent).toEqual([]);
      await redeem(fx.codes[0], 'one-trip', key, ip).expect(201);
      expect(sent).toEqual([]);
      await redeem('ZZZZ00000001', 'one-trip', key, ip).expect(404);
      expect(sent).toEqual(['evalsha']);
    } finally {
      redis.sendCommand = original;
    }
  });

  it('locks a key only for the address that guessed: the key elsewhere and other keys there still redeem', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 3 });
    const guesser = await createApiKey(t.http, owner.token, project.id);
    const ip = someAddress();
    for (let i = 0; i < 100; i++) await redeem(`ZZZZ${String(i).padStart(8, '0')}`, 'guesser', guesser, ip);
    await redeem(fx.codes[0], 'locked', guesser, ip).expect(429);
    // The same key from a fresh address redeems a valid code.
    await redeem(fx.codes[0], 'elsewhere', guesser, someAddress()).expect(201);
    // A fresh key from the locked address is not refused on its first call.
    const fresh = await createApiKey(t.http, owner.token, project.id);
    await redeem(fx.codes[1], 'fresh-key', fresh, ip).expect(201);
    await t.http
      .post('/api/v1/redemptions/validate')
      .set(...bearer(fresh))
      .set('X-Forwarded-For', ip)
      .send({ code: fx.codes[2] })
      .expect(200);
  });
});
