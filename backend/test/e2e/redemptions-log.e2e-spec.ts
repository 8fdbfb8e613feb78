import { parse } from 'csv-parse/sync';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { createApiKey, createCodes } from '../factories/codes.js';

describe('Redemption log and revoke (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  let support: Account;
  let project: ProjectFixture;
  let key: string;

  beforeAll(async () => {
    t = await bootTestApp();
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    key = await createApiKey(t.http, owner.token, project.id, ['redemptions:write'], 'Moodle');
    support = await createAccount(t.orm, t.http, owner.tenantId);
    await t.http
      .post(`/api/v1/projects/${project.id}/members`)
      .set(...bearer(owner.token))
      .send({ email: support.email, role: 'support' })
      .expect(201);
  });
  afterAll(() => t.close());

  const redeem = (code: string, externalId: string, extra: Record<string, string> = {}) =>
    t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .set('User-Agent', 'Moodle/4.3')
      .set('X-Forwarded-For', '192.0.2.10')
      .send({ code, learner: { externalId, email: `${externalId}@Example.test`, ...extra } });

  /** The log's CSV export, its body as text (BOM kept). */
  const exportCsv = (token: string, query: Record<string, string> = {}) =>
    t.http
      .get(`/api/v1/projects/${project.id}/redemptions/export.csv`)
      .query(query)
      .set(...bearer(token))
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      });
  const log = (token: string, query: Record<string, string | number> = {}) =>
    t.http
      .get(`/api/v1/projects/${project.id}/redemptions`)
      .query(query)
      .set(...bearer(token));

  it('revokes a redemption with a reason, which frees a single-use code for a new learner', async () => {
    const fx = await createCodes(t.orm, project.id);
    const first = await redeem(fx.codes[0], 'wrong-learner').expect(201);
    const taken = await redeem(fx.codes[0], 'right-learner').expect(409);
    expect(taken.body.code).toBe('code_already_redeemed');

    const revoked = await t.http
      .post(`/api/v1/projects/${project.id}/redemptions/${first.body.redemption.id}/revoke`)
      .set(...bearer(support.token))
      .send({ reason: 'Redeemed for the wrong learner' })
      .expect(200);
    expect(revoked.body.redemption).toMatchObject({
      id: first.body.redemption.id,
      revokedAt: expect.any(String),
      revokeReason: 'Redeemed for the wrong learner',
    });

    await redeem(fx.codes[0], 'right-learner').expect(201);
    const conn = t.orm.em.getConnection();
    const [code] = await conn.execute('select redemption_count from access_codes where id = ?', [fx.ids[0]]);
    expect(code.redemption_count).toBe(1);
    const [row] = await conn.execute('select revoked_by_id, revoke_reason from redemptions where id = ?', [
      first.body.redemption.id,
    ]);
    expect(row).toEqual({ revoked_by_id: support.userId, revoke_reason: 'Redeemed for the wrong learner' });
    const events = await conn.execute<{ type: string; actor_type: string; actor_id: string }[]>(
      'select type, actor_type, actor_id from code_events where code_id = ? order by created_at',
      [fx.ids[0]],
    );
    expect(events.map((e) => e.type)).toEqual(['redeemed', 'revoked', 'redeemed']);
    expect(events[1]).toMatchObject({ actor_type: 'user', actor_id: support.userId });

    const again = await t.http
      .post(`/api/v1/projects/${project.id}/redemptions/${first.body.redemption.id}/revoke`)
      .set(...bearer(owner.token))
      .send({ reason: 'twice' })
      .expect(409);
    expect(again.body.code).toBe('conflict');
  });

  it('revokes once under concurrent revokes, so the count goes down by one', async () => {
    const fx = await createCodes(t.orm, project.id, { usageType: 'multiple', maxRedemptions: 3 });
    const a = await redeem(fx.codes[0], 'concurrent-a').expect(201);
    await redeem(fx.codes[0], 'concurrent-b').expect(201);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http
          .post(`/api/v1/projects/${project.id}/redemptions/${a.body.redemption.id}/revoke`)
          .set(...bearer(owner.token))
          .send({ reason: 'duplicate' }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const [code] = await t.orm.em
      .getConnection()
      .execute('select redemption_count from access_codes where id = ?', [fx.ids[0]]);
    expect(code.redemption_count).toBe(1);
  });

  it('answers 404 for a redemption of another project, and keeps non-members out', async () => {
    const fx = await createCodes(t.orm, project.id);
    const mine = await redeem(fx.codes[0], 'kept').expect(201);
    const stranger = await createAccount(t.orm, t.http);
    const theirs = await createProject(t.http, stranger.token);
    await t.http
      .post(`/api/v1/projects/${theirs.id}/redemptions/${mine.body.redemption.id}/revoke`)
      .set(...bearer(stranger.token))
      .send({ reason: 'not mine' })
      .expect(404);
    await t.http
      .post(`/api/v1/projects/${project.id}/redemptions/${mine.body.redemption.id}/revoke`)
      .set(...bearer(stranger.token))
      .send({ reason: 'not mine' })
      .expect(404);
    await log(stranger.token).expect(404);
    await t.http
      .post(`/api/v1/projects/${project.id}/redemptions/not-a-uuid/revoke`)
      .set(...bearer(owner.token))
      .send({ reason: 'x' })
      .expect(404);
    const noReason = await t.http
      .post(`/api/v1/projects/${project.id}/redemptions/${mine.body.redemption.id}/revoke`)
      .set(...bearer(owner.token))
      .send({})
      .expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
  });

  it('lists the log newest first in keyset pages, with the source of each redemption', async () => {
    const own = await createAccount(t.orm, t.http);
    const quiet = await createProject(t.http, own.token);
    const quietKey = await createApiKey(t.http, own.token, quiet.id, ['redemptions:write'], 'Canvas');
    const fx = await createCodes(t.orm, quiet.id, { count: 7 });
    const ids: string[] = [];
    for (const [i, code] of fx.codes.entries()) {
      const res = await t.http
        .post('/api/v1/redemptions')
        .set(...bearer(quietKey))
        .set('User-Agent', 'Canvas/1')
        .set('X-Forwarded-For', '198.51.100.7')
        .send({
          code,
          learner: { externalId: `paged-${i}`, email: `Paged-${i}@Example.test`, name: `Learner ${i}` },
        })
        .expect(201);
      ids.push(res.body.redemption.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/projects/${quiet.id}/redemptions`)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(...bearer(own.token))
        .expect(200);
      seen.push(...res.body.items.map((r) => r.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const first = await t.http
      .get(`/api/v1/projects/${quiet.id}/redemptions`)
      .query({ limit: 1 })
      .set(...bearer(own.token))
      .expect(200);
    expect(first.body.items[0]).toMatchObject({
      code: fx.codes[6],
      codeId: fx.ids[6],
      learner: { externalId: 'paged-6', email: 'paged-6@example.test', name: 'Learner 6' },
      channel: 'api',
      apiKeyName: 'Canvas',
      ip: '198.51.100.7',
      userAgent: 'Canvas/1',
      product: { name: 'Algebra course' },
      plan: { name: 'Monthly', accessDays: 30 },
    });
    await t.http
      .get(`/api/v1/projects/${quiet.id}/redemptions`)
      .query({ cursor: 'bm90LWEtY3Vyc29y' })
      .set(...bearer(own.token))
      .expect(400);
  });

  it('searches by code as typed, email, learner id and date range', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 3 });
    await redeem(fx.codes[0], 'search-a').expect(201);
    await redeem(fx.codes[1], 'search-b').expect(201);
    const c = await redeem(fx.codes[2], 'search-c').expect(201);
    const ids = (res: { body: { items: { learner: { externalId: string } }[] } }) =>
      res.body.items.map((r) => r.learner.externalId);

    expect(ids(await log(support.token, { q: fx.display[0].toLowerCase() }).expect(200))).toEqual([
      'search-a',
    ]);
    expect(ids(await log(support.token, { q: 'SEARCH-B@example.TEST' }).expect(200))).toEqual(['search-b']);
    expect(ids(await log(support.token, { q: 'search-c' }).expect(200))).toEqual(['search-c']);
    expect(ids(await log(support.token, { q: 'nobody-at-all' }).expect(200))).toEqual([]);

    const at = Date.parse(c.body.redemption.redeemedAt);
    const window = await log(support.token, {
      from: new Date(at).toISOString(),
      to: new Date(at + 1).toISOString(),
    }).expect(200);
    expect(ids(window)).toContain('search-c');
    expect(ids(window)).not.toContain('search-a');
    const before = await log(support.token, { to: new Date(at).toISOString(), q: 'search-c' }).expect(200);
    expect(before.body.items).toEqual([]);
    await log(support.token, { from: 'yesterday' }).expect(400);
    await log(support.token, { limit: 501 }).expect(400);
  });

  it('finds redemptions by part of a name or an email, as the codes list does, and shows codes grouped', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 2 });
    await redeem(fx.codes[0], 'ext-grace-77', { name: 'Grace Hopper' }).expect(201);
    await redeem(fx.codes[1], 'ext-alan-78', { name: 'Alan Turing' }).expect(201);
    const found = (res: { body: { items: { learner: { externalId: string } }[] } }) =>
      res.body.items.map((r) => r.learner.externalId);
    expect(found(await log(support.token, { q: 'hopp' }).expect(200))).toEqual(['ext-grace-77']);
    expect(found(await log(support.token, { q: 'ALAN-78@exam' }).expect(200))).toEqual(['ext-alan-78']);
    expect(found(await log(support.token, { q: 'grace-7' }).expect(200))).toEqual(['ext-grace-77']);
    const codes = await t.http
      .get(`/api/v1/projects/${project.id}/codes`)
      .query({ q: 'hopp' })
      .set(...bearer(support.token))
      .expect(200);
    const byCode = await log(support.token, { q: fx.display[1].slice(0, 6) }).expect(200);
    expect(byCode.body.items[0]).toMatchObject({ code: fx.codes[1], display: fx.display[1] });
    expect(codes.body.items.map((c: { display: string }) => c.display)).toEqual([fx.display[0]]);
  });

  it('exports the filtered log as CSV, neutralising cells a spreadsheet would run', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 2 });
    await redeem(fx.codes[0], 'csv-a', { name: '=HYPERLINK("http://evil.example","click")' }).expect(201);
    await redeem(fx.codes[1], 'csv-b', { name: 'Plain, "quoted" name' }).expect(201);
    const res = await exportCsv(support.token, { q: fx.codes[0] }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="redemptions.csv"/);
    // Written by PostgreSQL's COPY, as the codes export is: the header line first, lines end in \n.
    expect(res.body as string).toMatch(
      /^\uFEFFRedeemed At,Code,Product,Plan,Learner Id,Learner Email,Learner Name,Channel,API Key,IP,User Agent,Access Until,Revoked At,Revoke Reason,Redemption Id\n/,
    );
    expect(res.body as string).not.toContain('\r');
    const rows = parse(res.body as string, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    // The codes export's header style, and the code grouped as the codes list shows it.
    expect(Object.keys(rows[0])).toEqual([
      'Redeemed At',
      'Code',
      'Product',
      'Plan',
      'Learner Id',
      'Learner Email',
      'Learner Name',
      'Channel',
      'API Key',
      'IP',
      'User Agent',
      'Access Until',
      'Revoked At',
      'Revoke Reason',
      'Redemption Id',
    ]);
    expect(rows[0]).toMatchObject({
      Code: fx.display[0],
      'Learner Id': 'csv-a',
      'Learner Name': `'=HYPERLINK("http://evil.example","click")`,
      Channel: 'api',
      'API Key': 'Moodle',
      Product: 'Algebra course',
    });
    expect(rows[0]['Redeemed At']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const all = await exportCsv(owner.token).expect(200);
    const allRows = parse(all.body as string, { columns: true, bom: true }) as Record<string, string>[];
    const listed = await log(owner.token, { limit: 500 }).expect(200);
    expect(allRows.map((r) => r['Redemption Id'])).toEqual(
      listed.body.items.map((r: { id: string }) => r.id),
    );
    expect(allRows.find((r) => r['Learner Id'] === 'csv-b')?.['Learner Name']).toBe('Plain, "quoted" name');

    // The period filter reaches the export too: from the newest redemption's second on, only it.
    const newest = listed.body.items[0] as { id: string; redeemedAt: string };
    const since = await exportCsv(owner.token, { from: newest.redeemedAt }).expect(200);
    const sinceRows = parse(since.body as string, { columns: true, bom: true }) as Record<string, string>[];
    expect(sinceRows.map((r) => r['Redemption Id'])).toEqual(
      listed.body.items
        .filter((r: { redeemedAt: string }) => r.redeemedAt >= newest.redeemedAt)
        .map((r: { id: string }) => r.id),
    );
    expect(sinceRows.length).toBeLessThan(allRows.length);
  });

  it("shows an admin's own code text in the log and its CSV, as the codes page does", async () => {
    const fx = await createCodes(t.orm, project.id, { count: 1 });
    await t.http
      .patch(`/api/v1/projects/${project.id}/codes/${fx.ids[0]}`)
      .set(...bearer(owner.token))
      .send({ code: 'summer camp 01' })
      .expect(200);
    await redeem('SUMMER CAMP 01', 'own-text').expect(201);
    const codes = await t.http
      .get(`/api/v1/projects/${project.id}/codes`)
      .query({ q: 'summer camp' })
      .set(...bearer(support.token))
      .expect(200);
    expect(codes.body.items.map((c: { display: string }) => c.display)).toEqual(['summer camp 01']);
    const listed = await log(support.token, { q: 'summer camp' }).expect(200);
    expect(listed.body.items.map((r: { display: string }) => r.display)).toEqual(['summer camp 01']);
    const res = await exportCsv(support.token, { q: 'summer camp' }).expect(200);
    const rows = parse(res.body as string, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Code)).toEqual(['summer camp 01']);
  });
});
