import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { type Catalog, createCatalog, waitForBatch } from '../factories/catalog.js';
import { createApiKey, createCodes } from '../factories/codes.js';
import {
  AccessCodesRepository,
  type SqlRunner,
} from '../../src/modules/access-codes/access-codes.repository.js';
import { numberPlaceholders } from '../../src/common/database/read-query.js';
import { normaliseSearch } from '../../src/modules/access-codes/access-code.types.js';

/** Issue 8: the codes table at scale — counters, plans after a bulk run, search, and isolation of slow reads. */
describe('Codes table at scale (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  let project: ProjectFixture;
  let catalog: Catalog;
  let key: string;
  let db: pg.Client;
  /** The project of the test at scale (its bulk batches are read again by the batch-order test). */
  let scaleProject: string;
  let scaleCatalog: Catalog;

  beforeAll(async () => {
    // Reads may take 8 s here, so the slow searches below run to their end rather than time out.
    t = await bootTestApp({ READ_STATEMENT_TIMEOUT_MS: '8000' });
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    catalog = await createCatalog(t.http, owner.token, project.id);
    key = await createApiKey(t.http, owner.token, project.id, ['redemptions:write']);
    db = new pg.Client({ connectionString: t.config.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const url = (p: string) => `/api/v1/projects/${project.id}${p}`;
  const auth = () => bearer(owner.token);
  const redeem = (code: string, learner: Record<string, string>) =>
    t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .send({ code, learner });
  const createBatch = (body: Record<string, unknown>) =>
    t.http
      .post(url('/batches'))
      .set(...auth())
      .send({
        productId: catalog.productId,
        planId: catalog.planId,
        usageType: 'single',
        notify: false,
        ...body,
      });

  /** Per batch of the project: the counters' sums beside a count of the rows. */
  async function countersAndRows() {
    const { rows } = await db.query<{
      batch_id: string;
      kept_total: string;
      kept_used: string;
      total: string;
      used: string;
    }>(
      `select b.id as batch_id,
              (select coalesce(sum(total), 0) from access_code_counters k where k.batch_id = b.id) as kept_total,
              (select coalesce(sum(used), 0) from access_code_counters k where k.batch_id = b.id) as kept_used,
              (select count(*) from access_codes c where c.batch_id = b.id) as total,
              (select count(*) from access_codes c where c.batch_id = b.id and c.redemption_count > 0) as used
         from batches b where b.project_id = $1 order by b.id`,
      [project.id],
    );
    return {
      kept: rows.map((r) => [r.batch_id, Number(r.kept_total), Number(r.kept_used)]),
      counted: rows.map((r) => [r.batch_id, Number(r.total), Number(r.used)]),
    };
  }

  async function expectCountersExact() {
    const { kept, counted } = await countersAndRows();
    expect(kept).toEqual(counted);
  }

  it('keeps the per-batch counters equal to count(*) through generation, redemption, revoke, edit and deactivation', async () => {
    const standard = await createBatch({ count: 40 }).expect(201);
    const multi = await createBatch({ count: 5, usageType: 'multiple', maxRedemptions: 3 }).expect(201);
    const bulk = await createBatch({ count: 300 }).expect(202);
    await waitForBatch(t.http, owner.token, project.id, bulk.body.batch.id);
    await expectCountersExact();

    const codes: string[] = standard.body.codes.map((c: { code: string }) => c.code);
    const first = await redeem(codes[0], { externalId: 'count-a' }).expect(201);
    await redeem(codes[1], { externalId: 'count-b' }).expect(201);
    await redeem(codes[1], { externalId: 'count-c' }).expect(409);
    const multiCode = multi.body.codes[0].code;
    await redeem(multiCode, { externalId: 'count-a' }).expect(201);
    await redeem(multiCode, { externalId: 'count-b' }).expect(201);
    await expectCountersExact();

    await t.http
      .post(url(`/redemptions/${first.body.redemption.id}/revoke`))
      .set(...auth())
      .send({ reason: 'wrong learner' })
      .expect(200);
    await expectCountersExact();

    const codeId = standard.body.codes[2].id;
    await t.http
      .patch(url(`/codes/${codeId}`))
      .set(...auth())
      .send({ code: 'EDITED-COUNT-1' })
      .expect(200);
    await t.http
      .post(url(`/codes/${codeId}/deactivate`))
      .set(...auth())
      .expect(200);
    await t.http
      .post(url(`/batches/${bulk.body.batch.id}/deactivate`))
      .set(...auth())
      .expect(200);
    await expectCountersExact();

    // What the API shows comes from them.
    const all = await t.http
      .get(url('/codes?counts=true&limit=1'))
      .set(...auth())
      .expect(200);
    expect(all.body.counts).toEqual({ all: 345, used: 2, unused: 343 });
    const byBatch = await t.http
      .get(url(`/codes?counts=true&limit=1&batchId=${multi.body.batch.id}`))
      .set(...auth())
      .expect(200);
    expect(byBatch.body.counts).toEqual({ all: 5, used: 1, unused: 4 });
    const byPlan = await t.http
      .get(url(`/codes?counts=true&limit=1&planId=${catalog.planId}&status=used`))
      .set(...auth())
      .expect(200);
    expect(byPlan.body.counts).toEqual({ all: 345, used: 2, unused: 343 });
    const inactive = await t.http
      .get(url('/codes?counts=true&limit=1&active=false'))
      .set(...auth())
      .expect(200);
    expect(inactive.body.counts).toEqual({ all: 301, used: 0, unused: 301 });
    const active = await t.http
      .get(url('/codes?counts=true&limit=1&active=true'))
      .set(...auth())
      .expect(200);
    expect(active.body.counts).toEqual({ all: 44, used: 2, unused: 42 });
    const batch = await t.http
      .get(url(`/batches/${standard.body.batch.id}`))
      .set(...auth())
      .expect(200);
    expect(batch.body.redeemedCount).toBe(1);

    // Deleted codes, and a deleted batch, leave no count behind.
    const gone = await createBatch({ count: 3 }).expect(201);
    await db.query('delete from access_codes where batch_id = $1', [gone.body.batch.id]);
    await expectCountersExact();
    await db.query('delete from batches where id = $1', [gone.body.batch.id]);
    const left = await db.query('select 1 from access_code_counters where batch_id = $1', [
      gone.body.batch.id,
    ]);
    expect(left.rows).toEqual([]);
  });

  it('brings statistics up to date after a bulk run, and every list filter reads a keyset index (no sort of the project)', async () => {
    const {
      rows: [{ reltuples }],
    } = await db.query<{ reltuples: number }>(
      `select reltuples from pg_class where oid = 'access_codes'::regclass`,
    );
    // A noticeable share of the table, as a bulk run into a big project would add.
    const count = Math.min(60_000, Math.max(3000, Math.ceil(Math.max(reltuples, 0) * 0.15)));
    const own = await createProject(t.http, owner.token);
    scaleProject = own.id;
    const ownCatalog = await createCatalog(t.http, owner.token, own.id);
    scaleCatalog = ownCatalog;
    await t.http
      .patch(`/api/v1/projects/${own.id}`)
      .set(...auth())
      .send({ settings: { maxBatchSize: count } })
      .expect(200);
    const analysedBefore = await lastAnalyze();
    /** A bulk batch of `count` single-use codes of the product on `planId` (answered 202). */
    const bulkBatch = (planId: string, n: number, extra: Record<string, unknown> = {}) =>
      t.http
        .post(`/api/v1/projects/${own.id}/batches`)
        .set(...auth())
        .send({
          productId: ownCatalog.productId,
          planId,
          usageType: 'single',
          notify: false,
          count: n,
          ...extra,
        })
        .expect(202);
    const other = await bulkBatch(ownCatalog.lifetimePlanId, 200);
    await waitForBatch(t.http, owner.token, own.id, other.body.batch.id);
    const res = await bulkBatch(ownCatalog.planId, count);
    const batchId = res.body.batch.id;
    await waitForBatch(t.http, owner.token, own.id, batchId, 120_000);
    expect((await lastAnalyze()) ?? 0).toBeGreaterThan(analysedBefore ?? 0);
    // And a newer batch after it, as a project that goes on making batches has: "older than the
    // cursor" then looks rare in the created_at histogram, which once made a batch's deep page a
    // bitmap scan of the rest of the batch and a sort.
    const newer = await bulkBatch(ownCatalog.planId, 3000, { customName: 'NEWER' });
    await waitForBatch(t.http, owner.token, own.id, newer.body.batch.id, 120_000);

    // A few used and inactive codes, as a project has.
    const { rows: some } = await db.query<{ id: string }>(
      'select id from access_codes where batch_id = $1 order by id limit 20',
      [batchId],
    );
    await db.query('update access_codes set redemption_count = 1 where id = any($1::uuid[])', [
      some.slice(0, 10).map((r) => r.id),
    ]);
    await db.query('update access_codes set active = false where id = any($1::uuid[])', [
      some.slice(10).map((r) => r.id),
    ]);
    // A few codes that expired yesterday and a few that end next month (edited end dates).
    const { rows: dated } = await db.query<{ id: string }>(
      'select id from access_codes where batch_id = $1 order by id desc limit 20',
      [batchId],
    );
    await db.query(
      `update access_codes set valid_till = now() - interval '1 day' where id = any($1::uuid[])`,
      [dated.slice(0, 10).map((r) => r.id)],
    );
    await db.query(
      `update access_codes set valid_till = now() + interval '30 days' where id = any($1::uuid[])`,
      [dated.slice(10).map((r) => r.id)],
    );
    await db.query('analyze access_codes');
    const {
      rows: [{ code: someCode }],
    } = await db.query<{ code: string }>('select code from access_codes where batch_id = $1 limit 1', [
      batchId,
    ]);

    const repo = t.app.get(AccessCodesRepository);
    const filters: Record<string, Record<string, unknown>> = {
      none: {},
      used: { status: 'used' },
      unused: { status: 'unused' },
      active: { active: true },
      inactive: { active: false },
      expired: { expired: true },
      'not expired': { expired: false },
      batch: { batchId },
      product: { productId: ownCatalog.productId },
      plan: { planId: ownCatalog.planId },
      'plan + used': { planId: ownCatalog.planId, status: 'used' },
      'batch + unused': { batchId, status: 'unused' },
      'batch + inactive': { batchId, active: false },
      'product + expired': { productId: ownCatalog.productId, expired: true },
      'plan + not expired + active': { planId: ownCatalog.planId, expired: false, active: true },
      'used + not expired': { status: 'used', expired: false },
      search: { q: someCode.slice(0, 6).toLowerCase() },
      'search + batch': { q: someCode.slice(0, 6), batchId },
    };
    const middle = await db.query<{ created_at: string; id: string }>(
      `select created_at::text, id from access_codes where batch_id = $1 order by created_at desc, id desc offset $2 limit 1`,
      [batchId, Math.floor(count / 2)],
    );
    const cursor = { createdAt: middle.rows[0].created_at, id: middle.rows[0].id };
    for (const [name, f] of Object.entries(filters)) {
      for (const at of [undefined, cursor]) {
        const statements: { sql: string; params: unknown[] }[] = [];
        const capture: SqlRunner = async <T>(sql: string, params: unknown[]) => {
          statements.push({ sql, params });
          return (await db.query(numberPlaceholders(sql), params)).rows as T[];
        };
        await repo.page(capture, own.id, f, normaliseSearch(f.q as string | undefined), 100, at);
        const page = statements.find((s) => s.sql.includes('order by c.created_at desc'));
        expect(page).toBeDefined();
        const { rows } = await db.query(
          `explain (analyze, format json) ${numberPlaceholders(page!.sql)}`,
          page!.params,
        );
        const plan = (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
        const reads = codeReads(plan);
        const rowsRead = reads.reduce((n, r) => n + r.read, 0);
        expect({
          filter: name,
          deep: !!at,
          problems: planProblems(plan, count / 10),
          // Without a search, every read of the codes is a keyset index walked newest first…
          offKeyset: f.q ? [] : reads.filter((r) => !keysetRead(r, count / 10)),
          // …that reads about a page (per batch read), not every newer code of other batches or
          // every code of a batch to find its few inactive or expired ones.
          readsAboutAPage: rowsRead <= 5 * 101 || rowsRead,
        }).toEqual({ filter: name, deep: !!at, problems: [], offKeyset: [], readsAboutAPage: true });
        expect(reads.length).toBeGreaterThan(0);
      }
    }
  });

  it('reads a page of a batch in creation order from an index in that order, first and deep (no sort of the batch)', async () => {
    const batches = (
      await t.http
        .get(`/api/v1/projects/${scaleProject}/batches`)
        .set(...auth())
        .expect(200)
    ).body.items as { id: string; customName: string | null; codeCount: number }[];
    // The random bulk batch of the test above, and a bulk Custom Name batch: its codes are
    // numbered, and its page lists them by number. (Made here, after the list's plans above were
    // checked: a newer batch changes the statistics those plans are made from.)
    const plain = batches.find((b) => !b.customName && b.codeCount >= 3000)!;
    const made = await t.http
      .post(`/api/v1/projects/${scaleProject}/batches`)
      .set(...auth())
      .send({
        productId: scaleCatalog.productId,
        planId: scaleCatalog.planId,
        usageType: 'single',
        notify: false,
        count: 3000,
        customName: 'SCALE',
      })
      .expect(202);
    await waitForBatch(t.http, owner.token, scaleProject, made.body.batch.id, 120_000);
    const numbered = { id: made.body.batch.id as string };
    expect(plain).toBeDefined();
    const repo = t.app.get(AccessCodesRepository);
    for (const [name, batch, index] of [
      ['random batch', plain, 'access_codes_batch_created_index'],
      ['Custom Name batch', numbered, 'access_codes_batch_sequence_index'],
    ] as const) {
      // The batch in the order its page promises, as plain SQL.
      const { rows: order } = await db.query<{ id: string }>(
        `select id from access_codes where batch_id = $1 order by created_at, coalesce(sequence_no, 0), id`,
        [batch.id],
      );
      for (const at of [undefined, Math.floor(order.length / 2)]) {
        const statements: { sql: string; params: unknown[] }[] = [];
        const capture: SqlRunner = async <T>(sql: string, params: unknown[]) => {
          statements.push({ sql, params });
          return (await db.query(numberPlaceholders(sql), params)).rows as T[];
        };
        const afterId = at === undefined ? undefined : order[at].id;
        const { rows } = await repo.batchPage(capture, scaleProject, batch.id, {}, undefined, 100, afterId);
        const from = at === undefined ? 0 : at + 1;
        expect(rows.map((r) => r.id)).toEqual(order.slice(from, from + 100).map((r) => r.id));
        const page = statements.find((s) => s.sql.includes('order by c.created_at'));
        expect(page).toBeDefined();
        const explained = await db.query(
          `explain (analyze, format json) ${numberPlaceholders(page!.sql)}`,
          page!.params,
        );
        const plan = (explained.rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
        // The cursor's own row is read back by primary key; the page is the rest.
        const reads = codeReads(plan).filter((r) => r.indexes[0] !== 'access_codes_pkey');
        expect({
          batch: name,
          deep: at !== undefined,
          sorts: nodeTypes(plan).filter((type) => type.includes('Sort')),
          reads: reads.map((r) => `${r.type} ${r.indexes.join(',')}${r.backward ? ' backward' : ''}`),
          readsAboutAPage: reads.reduce((n, r) => n + r.read, 0) <= 101,
        }).toEqual({
          batch: name,
          deep: at !== undefined,
          sorts: [],
          reads: [`Index Scan ${index}`],
          readsAboutAPage: true,
        });
      }
    }
  });

  async function lastAnalyze(): Promise<number | null> {
    const { rows } = await db.query<{ at: Date | null }>(
      `select last_analyze as at from pg_stat_user_tables where relname = 'access_codes'`,
    );
    return rows[0].at?.getTime() ?? null;
  }

  it('finds codes by prefix as typed and redeemers by any part of email, learner id or name; the log too', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 4 });
    await redeem(fx.codes[0], {
      externalId: 'LMS-user-778899',
      email: 'Grace.Hopper@Navy.example',
      name: 'Grace Hopper',
    }).expect(201);
    await redeem(fx.codes[1], {
      externalId: 'lms-user-112233',
      email: 'ada@example.test',
      name: 'Ada Lovelace',
    }).expect(201);
    const found = async (q: string) =>
      (
        await t.http
          .get(url('/codes'))
          .query({ q })
          .set(...auth())
          .expect(200)
      ).body.items.map((c: { code: string }) => c.code);
    expect(await found(fx.display[2].slice(0, 6).toLowerCase())).toContain(fx.codes[2]);
    expect(await found(fx.codes[3])).toEqual([fx.codes[3]]);
    expect(await found('hopper@navy')).toEqual([fx.codes[0]]);
    expect(await found('USER-7788')).toEqual([fx.codes[0]]);
    expect(await found('love')).toEqual([fx.codes[1]]);
    expect(await found('50%_off')).toEqual([]);
    const counted = await t.http
      .get(url('/codes'))
      .query({ q: 'lms-user', counts: true })
      .set(...auth())
      .expect(200);
    expect(counted.body.counts).toEqual({ all: 2, used: 2, unused: 0 });

    const log = async (q: string) =>
      (
        await t.http
          .get(url('/redemptions'))
          .query({ q })
          .set(...auth())
          .expect(200)
      ).body.items.map((r: { learner: { externalId: string } }) => r.learner.externalId);
    expect(await log('grace hop')).toEqual(['LMS-user-778899']);
    expect(await log(fx.display[1].toLowerCase())).toEqual(['lms-user-112233']);

    // Through the trigram index, not a scan of the redemptions.
    await db.query('set enable_seqscan = off'); // the table is tiny here; ask whether the index serves the expression
    const { rows } = await db.query(
      `explain (format json) select id from redemptions r
        where (coalesce(learner_email, '') || ' ' || learner_external_id || ' ' || coalesce(learner_name, '')) ilike $1`,
      ['%hopper@navy%'],
    );
    await db.query('reset enable_seqscan');
    expect(JSON.stringify(rows[0]['QUERY PLAN'])).toContain('redemptions_redeemer_trgm_index');
  });

  it("keeps each code's Redeemed By (the CSV's) equal to its live redemptions through claims, concurrent claims and revokes", async () => {
    const multi = await createBatch({ count: 1, usageType: 'multiple', maxRedemptions: 20 }).expect(201);
    const single = await createBatch({ count: 2 }).expect(201);
    const multiCode = multi.body.codes[0].code;
    const [one, two] = single.body.codes.map((c: { code: string }) => c.code);
    // Name, else email, else external id; the email in angle brackets when there is one.
    const a = await redeem(multiCode, { externalId: 'rb-a', email: 'a@rb.test', name: 'Ada' }).expect(201);
    await redeem(multiCode, { externalId: 'rb-b', email: 'b@rb.test' }).expect(201);
    await redeem(multiCode, { externalId: 'rb-c' }).expect(201);
    // Claims of one code at the same time each append under the code's row lock: none is lost.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => redeem(multiCode, { externalId: `rb-p${i}` }).expect(201)),
    );
    await redeem(one, { externalId: 'rb-f', name: '=cmd' }).expect(201);
    const revokedOne = await redeem(two, { externalId: 'rb-g' }).expect(201);
    await t.http
      .post(url(`/redemptions/${a.body.redemption.id}/revoke`))
      .set(...auth())
      .send({ reason: 'test' })
      .expect(200);
    await t.http
      .post(url(`/redemptions/${revokedOne.body.redemption.id}/revoke`))
      .set(...auth())
      .send({ reason: 'test' })
      .expect(200);

    const { rows } = await db.query<{ code: string; kept: string | null; live: string[] | null }>(
      `select c.code, c.redeemed_by as kept,
              (select array_agg(coalesce(r.learner_name, r.learner_email, r.learner_external_id)
                                || coalesce(' <' || r.learner_email || '>', '') order by r.redeemed_at, r.id)
                 from redemptions r where r.code_id = c.id and r.revoked_at is null) as live
         from access_codes c where c.batch_id = any($1::uuid[])`,
      [[multi.body.batch.id, single.body.batch.id]],
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    // The same redeemers (claims in one millisecond may be kept in the order they took the row).
    for (const r of rows) expect((r.kept?.split('; ') ?? []).sort()).toEqual((r.live ?? []).sort());
    expect(byCode.get(multiCode)?.kept?.split('; ').slice(0, 2)).toEqual(['b@rb.test <b@rb.test>', 'rb-c']);
    expect(byCode.get(multiCode)?.kept?.split('; ')).toHaveLength(8);
    expect(byCode.get(two)?.kept).toBeNull();

    // The CSV shows it, neutralised for spreadsheets.
    const csv = await t.http
      .get(url(`/batches/${single.body.batch.id}/codes.csv`))
      .set(...auth())
      .buffer(true)
      .expect(200);
    const cells = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(cells.map((c) => c['Redeemed By']).sort()).toEqual(['', "'=cmd"]);
  });

  it('names at most the 20 oldest live redeemers of a code, and the CSV says how many more there are', async () => {
    const unlimited = await createBatch({ count: 1, usageType: 'multiple' }).expect(201);
    const code = unlimited.body.codes[0].code;
    const ids: string[] = [];
    for (let i = 1; i <= 23; i++)
      ids.push((await redeem(code, { externalId: `rb-u${i}` }).expect(201)).body.redemption.id);
    const kept = async () =>
      (
        await db.query<{ kept: string }>('select redeemed_by as kept from access_codes where batch_id = $1', [
          unlimited.body.batch.id,
        ])
      ).rows[0].kept;
    const names = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `rb-u${from + i}`).join('; ');
    const cell = async () => {
      const csv = await t.http
        .get(url(`/batches/${unlimited.body.batch.id}/codes.csv`))
        .set(...auth())
        .buffer(true)
        .expect(200);
      return (parse(csv.text, { columns: true, bom: true }) as Record<string, string>[])[0]['Redeemed By'];
    };
    // Claims past the 20th leave the text as it is.
    expect(await kept()).toBe(names(1, 20));
    expect(await cell()).toBe(`${names(1, 20)}; … and 3 more`);
    // A revoke of one of the 20 brings in the 21st, as the claim would have kept it.
    await t.http
      .post(url(`/redemptions/${ids[0]}/revoke`))
      .set(...auth())
      .send({ reason: 'test' })
      .expect(200);
    expect(await kept()).toBe(names(2, 21));
    expect(await cell()).toBe(`${names(2, 21)}; … and 2 more`);
  });

  it('keeps redemptions answering while 20 slow searches run, and cancels a search whose client left', async () => {
    const fx = await createCodes(t.orm, project.id, { count: 12 });
    // Make every code search slow, deterministically: the display function sleeps 3 s per row
    // in this database, for this test only.
    const {
      rows: [{ def }],
    } = await db.query<{ def: string }>(
      `select pg_get_functiondef(p.oid) as def from pg_proc p where p.proname = 'admit_display_code'`,
    );
    const signature = def.match(/FUNCTION public\.admit_display_code\(([^)]*)\)/)![1];
    const args = signature.split(',').map((a) => a.trim().split(' ')[0]);
    await db.query(`create or replace function admit_display_code(${signature}) returns text
      language plpgsql volatile as $$ begin perform pg_sleep(3); return ${args[0]}; end $$`);
    try {
      const search = () =>
        t.http
          .get(url('/codes'))
          .query({ q: fx.codes[0] })
          .set(...auth())
          .then((r) => r.status);
      let settled = 0;
      const searches = Array.from({ length: 20 }, () =>
        search().finally(() => {
          settled++;
        }),
      );
      // The searches hold the database now.
      await waitUntil(async () => (await sleepingReads()) >= 3);
      for (let i = 1; i < fx.codes.length; i++) {
        await redeem(fx.codes[i], { externalId: `while-slow-${i}` }).expect(201);
      }
      expect(await t.http.get('/health/ready').then((r) => r.status)).toBe(200);
      // Every redemption answered while searches were still running or waiting.
      expect(settled).toBeLessThan(20);
      const statuses = await Promise.all(searches);
      // A search ends with its page or, when it waited too long for the read pool, a 503 query_timeout.
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
      expect(statuses).toContain(200);

      // A client that leaves takes its statement with it.
      await waitUntil(async () => (await sleepingReads()) === 0);
      const left = t.http
        .get(url('/codes'))
        .query({ q: fx.codes[0] })
        .set(...auth());
      left.then(
        () => undefined,
        () => undefined,
      );
      await waitUntil(async () => (await sleepingReads()) === 1);
      left.abort();
      // Gone well before its 3 s of sleep would end.
      await waitUntil(async () => (await sleepingReads()) === 0, 2000);
    } finally {
      await db.query(def);
    }
  });

  /** Statements of the read pool sleeping in the display function right now. */
  async function sleepingReads(): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where application_name = 'admit-read' and state = 'active' and wait_event = 'PgSleep'`,
    );
    return rows[0].n;
  }
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Plan Rows': number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** The indexes in the keyset's order: `(project_id | batch_id, created_at, id)`, whole or partial. */
const KEYSET_INDEXES = [
  'access_codes_project_created_index',
  'access_codes_batch_created_index',
  'access_codes_used_index',
  'access_codes_inactive_index',
  'access_codes_expiring_index',
];

/**
 * Every read of access_codes in a plan: its type, the indexes it walks (a bitmap scan's are in
 * its Bitmap Index Scan children), whether newest first, and the rows the planner expects.
 */
function codeReads(
  node: PlanNode,
): { type: string; indexes: string[]; backward: boolean; rows: number; read: number }[] {
  const bitmapIndexes = (n: PlanNode): string[] =>
    n['Node Type'] === 'Bitmap Index Scan' ? [n['Index Name'] ?? ''] : (n.Plans ?? []).flatMap(bitmapIndexes);
  const own =
    node['Relation Name'] === 'access_codes'
      ? [
          {
            type: node['Node Type'],
            indexes:
              node['Node Type'] === 'Bitmap Heap Scan' ? bitmapIndexes(node) : [node['Index Name'] ?? ''],
            backward: node['Scan Direction'] === 'Backward',
            rows: node['Plan Rows'],
            // Rows the read fetched, kept or not (EXPLAIN ANALYZE gives per-loop averages).
            read:
              ((node['Actual Rows'] ?? 0) +
                (node['Rows Removed by Filter'] ?? 0) +
                (node['Rows Removed by Index Recheck'] ?? 0)) *
              (node['Actual Loops'] ?? 1),
          },
        ]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(codeReads)];
}

/**
 * A read of the codes that a list page may do: a keyset index walked newest first, or — when the
 * planner expects only a handful of rows — a bitmap scan of keyset indexes (their rows then sorted:
 * a handful, never the project's).
 */
function keysetRead(read: ReturnType<typeof codeReads>[number], few: number): boolean {
  const keyset = read.indexes.length > 0 && read.indexes.every((i) => KEYSET_INDEXES.includes(i));
  if (read.type === 'Index Scan') return keyset && read.backward;
  return read.type === 'Bitmap Heap Scan' && keyset && read.rows <= few;
}

/**
 * What is wrong with a list plan: a sequential read of access_codes, or a Sort above a read of
 * access_codes that no Limit bounds and that returns more than `few` rows (a sort of the
 * project's rows rather than of a page or of a handful of used/inactive codes).
 */
function planProblems(node: PlanNode, few: number, limited = false, sorted = false): string[] {
  const problems: string[] = [];
  const type = node['Node Type'];
  if (node['Relation Name'] === 'access_codes') {
    if (type === 'Seq Scan') problems.push(`${type} of access_codes`);
    if (sorted && !limited && node['Plan Rows'] > few)
      problems.push(`Sort over ${node['Plan Rows']} rows of ${type} ${node['Index Name'] ?? ''}`);
  }
  for (const child of node.Plans ?? []) {
    problems.push(
      ...planProblems(
        child,
        few,
        type === 'Sort' ? false : limited || type === 'Limit',
        sorted || type === 'Sort' || type === 'Incremental Sort',
      ),
    );
  }
  return problems;
}

/** Every node type of a plan. */
function nodeTypes(node: PlanNode): string[] {
  return [node['Node Type'], ...(node.Plans ?? []).flatMap(nodeTypes)];
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}
