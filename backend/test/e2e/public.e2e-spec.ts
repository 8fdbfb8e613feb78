import { randomInt } from 'node:crypto';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { createApiKey, createCodes } from '../factories/codes.js';

function someAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** The parts of a problem answer that say anything about the code (not the request id). */
function problem(res: { status: number; body: Record<string, unknown> }) {
  const { requestId: _ignored, ...rest } = res.body;
  return { status: res.status, ...rest };
}

describe('Public activation endpoints (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  let project: ProjectFixture;

  beforeAll(async () => {
    t = await bootTestApp();
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
  });
  afterAll(() => t.close());

  const show = (code: string, ip = someAddress(), slug = project.slug) =>
    t.http.get(`/api/v1/public/${slug}/codes/${encodeURIComponent(code)}`).set('X-Forwarded-For', ip);
  const activate = (code: string, email: string, ip = someAddress(), slug = project.slug) =>
    t.http
      .post(`/api/v1/public/${slug}/redemptions`)
      .set('X-Forwarded-For', ip)
      .set('User-Agent', 'Mozilla/5.0 (test)')
      .send({ code, name: 'Grace Hopper', email });

  it('shows product and plan of a redeemable code, then redeems it with name and email', async () => {
    const fx = await createCodes(t.orm, project.id, {
      productName: 'Question bank',
      planName: 'Quarter',
      accessDays: 90,
    });
    const shown = await show(fx.display[0].toLowerCase()).expect(200);
    expect(shown.body).toEqual({
      code: fx.codes[0],
      display: fx.display[0],
      projectName: 'Test project',
      productName: 'Question bank',
      planName: 'Quarter',
      accessDays: 90,
    });

    const ip = someAddress();
    const res = await activate(fx.display[0], '  Grace@Example.TEST ', ip).expect(201);
    expect(res.body.redemption).toMatchObject({
      code: fx.codes[0],
      channel: 'activation_page',
      learner: { externalId: 'grace@example.test', email: 'grace@example.test', name: 'Grace Hopper' },
      product: { name: 'Question bank' },
      plan: { name: 'Quarter', accessDays: 90 },
    });
    const log = await t.http
      .get(`/api/v1/projects/${project.id}/redemptions`)
      .query({ q: 'grace@example.test' })
      .set(...bearer(owner.token))
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      channel: 'activation_page',
      apiKeyName: null,
      ip,
      userAgent: 'Mozilla/5.0 (test)',
    });
  });

  it('refuses the same learner twice whatever the case of the email', async () => {
    const fx = await createCodes(t.orm, project.id, { usageType: 'multiple' });
    await activate(fx.codes[0], 'twice@example.test').expect(201);
    const again = await activate(fx.codes[0], 'TWICE@example.test').expect(409);
    expect(again.body.code).toBe('already_redeemed_by_learner');
  });

  it('tells a learner why an existing code cannot be activated, and unknown projects like unknown codes', async () => {
    const inactive = await createCodes(t.orm, project.id, { active: false });
    const used = await createCodes(t.orm, project.id);
    const exhausted = await createCodes(t.orm, project.id, { usageType: 'multiple', maxRedemptions: 1 });
    await activate(used.codes[0], 'first@example.test').expect(201);
    await activate(exhausted.codes[0], 'first@example.test').expect(201);

    const unknown = problem(await show('ZZZZ-ZZZZ-ZZZZ').expect(404));
    expect(unknown).toMatchObject({ status: 404, code: 'code_not_found' });
    expect(problem(await show(used.codes[0], someAddress(), 'no-such-project').expect(404))).toEqual(unknown);

    expect((await show(inactive.codes[0]).expect(422)).body.code).toBe('code_inactive');
    const usedShown = await show(used.codes[0]).expect(409);
    expect(usedShown.body.code).toBe('code_already_redeemed');
    const exhaustedShown = await show(exhausted.codes[0]).expect(409);
    expect(exhaustedShown.body).toMatchObject({ code: 'code_exhausted', maxRedemptions: 1 });

    // Someone else's activation: the answer names no learner and no date.
    const other = await activate(used.codes[0], 'second@example.test').expect(409);
    expect(other.body.code).toBe('code_already_redeemed');
    for (const body of [usedShown.body, other.body]) {
      expect(JSON.stringify(body)).not.toContain('first@example.test');
      expect(body).not.toHaveProperty('redeemedAt');
    }
    expect((await activate(inactive.codes[0], 'second@example.test').expect(422)).body.code).toBe(
      'code_inactive',
    );
  });

  it('tells a learner who re-opens their link when they activated the code themselves', async () => {
    for (const usageType of ['single', 'multiple'] as const) {
      const fx = await createCodes(t.orm, project.id, { usageType });
      const first = await activate(fx.codes[0], 'mine@example.test').expect(201);
      const again = await activate(fx.codes[0], 'Mine@Example.test').expect(409);
      expect(again.body).toMatchObject({
        code: 'already_redeemed_by_learner',
        redeemedAt: first.body.redemption.redeemedAt,
      });
    }
  });

  it('still tells a learner that a code expired or is not valid yet', async () => {
    const validTill = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const validFrom = new Date(Math.floor(Date.now() / 1000) * 1000 + 3600_000);
    const expired = await createCodes(t.orm, project.id, { validTill });
    const early = await createCodes(t.orm, project.id, { validFrom });
    expect((await show(expired.codes[0]).expect(422)).body).toMatchObject({
      code: 'code_expired',
      validTill: validTill.toISOString(),
    });
    expect((await activate(early.codes[0], 'early@example.test').expect(422)).body).toMatchObject({
      code: 'code_not_yet_valid',
      validFrom: validFrom.toISOString(),
    });
  });

  it('gives the 11th wrong guess from one address in a minute a 429 with Retry-After', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 2 });
    const ip = someAddress();
    for (let i = 0; i < 10; i++) {
      const res =
        i % 2
          ? await show(`ZZZZ-ZZZZ-${String(i).padStart(4, '0')}`, ip)
          : await activate(`ZZZZ${i}`, 'g@example.test', ip);
      expect(res.status).toBe(404);
    }
    const locked = await show(`ZZZZ-ZZZZ-9999`, ip).expect(429);
    expect(locked.body.code).toBe('rate_limited');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Locked out means locked out, even for a real code...
    await activate(fx.codes[0], 'locked@example.test', ip).expect(429);
    // ...but only for that address.
    await activate(fx.codes[1], 'free@example.test').expect(201);
  });

  it('does not count successes or known refusals against the budget', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 12, usageType: 'multiple' });
    const ip = someAddress();
    for (const [i, code] of fx.codes.entries())
      await activate(code, `busy-${i}@example.test`, ip).expect(201);
    for (let i = 0; i < 3; i++) await activate(fx.codes[0], 'busy-0@example.test', ip).expect(409);
    await show(fx.codes[1], ip).expect(200);
  });

  it('validates the form and needs no login', async () => {
    const res = await t.http
      .post(`/api/v1/public/${project.slug}/redemptions`)
      .set('X-Forwarded-For', someAddress())
      .send({ code: 'ABCD', email: 'not-an-email' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name']);
    // An API key is not needed, and does not change what the public sees.
    const fx = await createCodes(t.orm, project.id, { active: false });
    const key = await createApiKey(t.http, owner.token, project.id);
    const withKey = await show(fx.codes[0])
      .set(...bearer(key))
      .expect(422);
    expect(problem(withKey)).toEqual(problem(await show(fx.codes[0]).expect(422)));
  });
});
