import { parse } from 'csv-parse/sync';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import {
  bearer,
  createAccount,
  createProject,
  type Account,
  type ProjectFixture,
} from '../factories/accounts.js';
import { type Catalog, createCatalog, waitForBatch } from '../factories/catalog.js';
import { startSmtpSink, waitFor } from '../utils/smtp-sink.js';
import type pg from 'pg';
import { PG_POOL } from '../../src/common/database/pg-pool.module.js';
import { AccessCodesRepository } from '../../src/modules/access-codes/access-codes.repository.js';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;
/** A well-formed id that differs from `id` in its last digit, so it names no row. */
const otherUuid = (id: string) => id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
const unfold = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

describe('batches and access codes (e2e)', () => {
  let t: TestApp;
  let sink: Sink;
  let owner: Account;
  let project: ProjectFixture;
  let catalog: Catalog;
  const auth = () => bearer(owner.token);
  const url = (path = '') => `/api/v1/projects/${project.id}${path}`;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await bootTestApp({ SMTP_URL: sink.url, BATCH_CHUNK_SIZE: '100' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });
  beforeEach(async () => {
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    catalog = await createCatalog(t.http, owner.token, project.id);
  });

  const createBatch = (body: Record<string, unknown>, key?: string) => {
    const req = t.http.post(url('/batches')).set(...auth());
    if (key) req.set('Idempotency-Key', key);
    return req.send({ productId: catalog.productId, planId: catalog.planId, usageType: 'single', ...body });
  };

  it('makes 149 codes in the request and answers 201 with all of them', async () => {
    const res = await createBatch({ count: 149 }).expect(201);
    expect(res.body.batch).toMatchObject({
      mode: 'standard',
      status: 'completed',
      requestedCount: 149,
      generatedCount: 149,
    });
    expect(res.body.codes).toHaveLength(149);
    const codes = res.body.codes.map((c: { code: string }) => c.code);
    expect(new Set(codes).size).toBe(149);
    for (const c of res.body.codes) {
      expect(c.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(c.display).toBe(c.code.match(/.{4}/g).join('-'));
      expect(c).toMatchObject({
        status: 'unused',
        active: true,
        usageType: 'single',
        maxRedemptions: 1,
        redemptionCount: 0,
      });
    }
    const [{ n }] = await t.orm.em
      .getConnection()
      .execute('select count(*)::int as n from access_codes where batch_id = ?', [res.body.batch.id]);
    expect(n).toBe(149);
  });

  it('queues 150 codes (202), generates them in the background, and notifies whoever asked', async () => {
    const res = await createBatch({ count: 150 }).expect(202);
    expect(res.body.batch).toMatchObject({ mode: 'bulk', status: 'queued', generatedCount: 0 });
    expect(res.body.codes).toBeUndefined();
    const done = await waitForBatch(t.http, owner.token, project.id, res.body.batch.id);
    expect(done).toMatchObject({ status: 'completed', generatedCount: 150, requestedCount: 150 });
    const [{ n, d }] = await t.orm.em
      .getConnection()
      .execute(
        'select count(*)::int as n, count(distinct code)::int as d from access_codes where batch_id = ?',
        [res.body.batch.id],
      );
    expect([n, d]).toEqual([150, 150]);
    const notes = await waitFor(async () => {
      const r = await t.http
        .get('/api/v1/notifications?unread=true')
        .set(...auth())
        .expect(200);
      return r.body.unreadCount > 0 ? r.body : undefined;
    });
    expect(notes.items[0]).toMatchObject({
      type: 'batch.completed',
      title: '150 access codes are ready',
      link: `/projects/${project.id}/access-codes?batchId=${res.body.batch.id}`,
    });
    await t.http
      .post(`/api/v1/notifications/${notes.items[0].id}/read`)
      .set(...auth())
      .expect(204);
    const after = await t.http
      .get('/api/v1/notifications?unread=true')
      .set(...auth())
      .expect(200);
    expect(after.body.unreadCount).toBe(0);
  });

  it('writes one codes-mail job (when asked) and one batch.completed webhook per batch, in the request and after a bulk run', async () => {
    // An endpoint of this project listens to batch.completed (written directly: its URL is never called here).
    await t.orm.em
      .getConnection()
      .execute(
        `insert into webhooks (id, project_id, url, secret, events) values (gen_random_uuid(), ?, 'https://hooks.example.test/', 'whsec_test', '{batch.completed}')`,
        [project.id],
      );
    const standard = (
      await createBatch({ count: 3, notify: true, notifyEmail: 'one@example.test' }).expect(201)
    ).body.batch.id;
    const quiet = (await createBatch({ count: 3, notify: false }).expect(201)).body.batch.id;
    const bulk = (
      await createBatch({ count: 250, notify: true, notifyEmail: 'two@example.test' }).expect(202)
    ).body.batch.id;
    await waitForBatch(t.http, owner.token, project.id, bulk);
    const work = await t.orm.em.getConnection().execute<{ batch_id: string; name: string; n: number }[]>(
      `select coalesce(payload->>'batchId', payload->'data'->>'batchId') as batch_id, name, count(*)::int as n
         from outbox_messages where name in ('batch-codes', 'fan-out')
          and coalesce(payload->>'batchId', payload->'data'->>'batchId') in (?, ?, ?)
        group by 1, 2`,
      [standard, quiet, bulk],
    );
    const count = (batchId: string, name: string) =>
      work.find((w) => w.batch_id === batchId && w.name === name)?.n ?? 0;
    expect([standard, quiet, bulk].map((id) => [count(id, 'batch-codes'), count(id, 'fan-out')])).toEqual([
      [1, 1],
      [0, 1],
      [1, 1],
    ]);
    // Its deliveries find no endpoint and stop.
    await t.orm.em.getConnection().execute('delete from webhooks where project_id = ?', [project.id]);
  });

  it('refuses 2001 codes with a 400 that names the cap', async () => {
    const res = await createBatch({ count: 2001 }).expect(400);
    expect(res.body).toMatchObject({ code: 'batch_too_large', maxBatchSize: 2000 });
    expect(res.body.detail).toContain('2000');
    expect(res.body.errors).toEqual([
      { field: 'count', code: 'too_large', message: expect.stringContaining('2000') },
    ]);
    const batches = await t.http
      .get(url('/batches'))
      .set(...auth())
      .expect(200);
    expect(batches.body.items).toEqual([]);
  });

  it('answers a retried request with the same Idempotency-Key with the first answer and creates one batch', async () => {
    const first = await createBatch({ count: 5 }, 'retry-key-1').expect(201);
    const again = await createBatch({ count: 5 }, 'retry-key-1').expect(201);
    expect(again.body).toEqual(first.body);
    const concurrent = await Promise.all([
      createBatch({ count: 200 }, 'retry-key-2'),
      createBatch({ count: 200 }, 'retry-key-2'),
    ]);
    expect(concurrent.map((r) => r.status)).toEqual([202, 202]);
    expect(concurrent[0].body.batch.id).toBe(concurrent[1].body.batch.id);
    const reused = await createBatch({ count: 6 }, 'retry-key-1').expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    const batches = await t.http
      .get(url('/batches'))
      .set(...auth())
      .expect(200);
    expect(batches.body.items).toHaveLength(2);
  });

  it('numbers Custom Name codes MATHS1…N and continues across batches, also when two run at once', async () => {
    const first = await createBatch({ count: 3, customName: 'maths' }).expect(201);
    expect(first.body.codes.map((c: { code: string }) => c.code)).toEqual(['MATHS1', 'MATHS2', 'MATHS3']);
    expect(first.body.batch.warning).toMatch(/guess/);
    const second = await createBatch({ count: 2, customName: 'MATHS' }).expect(201);
    expect(second.body.codes.map((c: { display: string }) => c.display)).toEqual(['MATHS4', 'MATHS5']);
    const both = await Promise.all([
      createBatch({ count: 40, customName: 'MATHS' }),
      createBatch({ count: 40, customName: 'MATHS' }),
    ]);
    const numbers = both.flatMap((r) => r.body.codes.map((c: { code: string }) => Number(c.code.slice(5))));
    expect(numbers).toHaveLength(80);
    expect(new Set(numbers).size).toBe(80);
    expect(Math.min(...numbers)).toBe(6);
    expect(Math.max(...numbers)).toBe(85);
  });

  it('names the field of a bad request and writes nothing', async () => {
    const res = await t.http
      .post(url('/batches'))
      .set(...auth())
      .send({
        productId: 'nope',
        planId: catalog.planId,
        count: 0,
        usageType: 'once',
        notify: 'yes',
        extra: 1,
      })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'count',
      'extra',
      'notify',
      'productId',
      'usageType',
    ]);
    const wrongPlan = await createBatch({
      count: 3,
      planId: catalog.lifetimePlanId,
      productId: otherUuid(catalog.productId),
    }).expect(400);
    expect(wrongPlan.body.errors[0].field).toBe('planId');
    const single = await createBatch({ count: 3, maxRedemptions: 5 }).expect(400);
    expect(single.body.errors[0].field).toBe('maxRedemptions');
    const past = await createBatch({ count: 3, validTill: '2001-01-01T00:00:00Z' }).expect(400);
    expect(past.body.errors[0].field).toBe('validTill');
    const badPrefix = await createBatch({ count: 3, customName: '!!' }).expect(400);
    expect(badPrefix.body.errors[0].field).toBe('customName');
    const [{ n }] = await t.orm.em
      .getConnection()
      .execute('select count(*)::int as n from batches where project_id = ?', [project.id]);
    expect(n).toBe(0);
  });

  it('filters Used and Unused, active, batch and search, with keyset pages that cover every code once', async () => {
    const a = await createBatch({ count: 30 }).expect(201);
    const b = await createBatch({ count: 20, usageType: 'multiple', maxRedemptions: 3 }).expect(201);
    const used = a.body.codes[0];
    const key = await t.http
      .post(url('/api-keys'))
      .set(...auth())
      .send({ name: 'LMS', scopes: ['redemptions:write'] })
      .expect(201);
    await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key.body.secret))
      .send({
        code: used.display,
        learner: { externalId: 'learner-42', email: 'ada@example.test', name: 'Ada Lovelace' },
      })
      .expect(201);
    const usedList = await t.http
      .get(url('/codes?status=used&counts=true'))
      .set(...auth())
      .expect(200);
    expect(usedList.body.items.map((c: { id: string }) => c.id)).toEqual([used.id]);
    expect(usedList.body.items[0]).toMatchObject({
      status: 'used',
      redeemedBy: [{ name: 'Ada Lovelace', email: 'ada@example.test', externalId: 'learner-42' }],
    });
    expect(usedList.body.counts).toEqual({ all: 50, used: 1, unused: 49 });
    const unused = await t.http
      .get(url('/codes?status=unused&limit=500'))
      .set(...auth())
      .expect(200);
    expect(unused.body.items).toHaveLength(49);
    expect(unused.body.items.map((c: { id: string }) => c.id)).not.toContain(used.id);

    const byRedeemer = await t.http
      .get(url('/codes?q=ada@example'))
      .set(...auth())
      .expect(200);
    expect(byRedeemer.body.items.map((c: { id: string }) => c.id)).toEqual([used.id]);
    const typed = used.display.toLowerCase().replace(/-/g, ' ').slice(0, 7);
    const byCode = await t.http
      .get(url(`/codes?q=${encodeURIComponent(typed)}`))
      .set(...auth())
      .expect(200);
    expect(byCode.body.items.map((c: { id: string }) => c.id)).toContain(used.id);

    const ofBatch = await t.http
      .get(url(`/codes?batchId=${b.body.batch.id}&limit=500`))
      .set(...auth())
      .expect(200);
    expect(ofBatch.body.items).toHaveLength(20);
    expect(
      ofBatch.body.items.every(
        (c: { usageType: string; maxRedemptions: number }) =>
          c.usageType === 'multiple' && c.maxRedemptions === 3,
      ),
    ).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(url(`/codes?limit=7${cursor ? `&cursor=${cursor}` : ''}`))
        .set(...auth())
        .expect(200);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
    await t.http
      .get(url('/codes?cursor=garbage'))
      .set(...auth())
      .expect(400);
  });

  it('edits a code and deactivates it, with who and what in its history', async () => {
    const batch = await createBatch({ count: 2 }).expect(201);
    const code = batch.body.codes[0];
    const edited = await t.http
      .patch(url(`/codes/${code.id}`))
      .set(...auth())
      .send({
        code: 'welcome-2026',
        usageType: 'multiple',
        maxRedemptions: 10,
        validTill: '2099-12-31T23:59:59Z',
      })
      .expect(200);
    expect(edited.body).toMatchObject({
      code: 'WE1C0ME2026',
      display: 'welcome-2026',
      usageType: 'multiple',
      maxRedemptions: 10,
      validTill: '2099-12-31T23:59:59.000Z',
    });
    const clash = await t.http
      .patch(url(`/codes/${batch.body.codes[1].id}`))
      .set(...auth())
      .send({ code: 'WELCOME 2026' })
      .expect(409);
    expect(clash.body.errors[0].field).toBe('code');
    const off = await t.http
      .post(url(`/codes/${code.id}/deactivate`))
      .set(...auth())
      .expect(200);
    expect(off.body.active).toBe(false);
    const inactive = await t.http
      .get(url('/codes?active=false'))
      .set(...auth())
      .expect(200);
    expect(inactive.body.items.map((c: { id: string }) => c.id)).toEqual([code.id]);
    await t.http
      .post(url(`/codes/${code.id}/activate`))
      .set(...auth())
      .expect(200);
    const history = await t.http
      .get(url(`/codes/${code.id}/history`))
      .set(...auth())
      .expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'edited',
      'deactivated',
      'activated',
    ]);
    expect(history.body.items[0]).toMatchObject({
      actorName: 'Test User',
      data: { batchId: batch.body.batch.id },
    });
    expect(history.body.items[1].data).toMatchObject({
      code: { before: code.code, after: 'welcome-2026' },
      usageType: { before: 'single', after: 'multiple' },
      maxRedemptions: { before: 1, after: 10 },
    });
  });

  it('keeps an admin’s code text as typed for display and matches it in its normalised form', async () => {
    const batch = await createBatch({ count: 1 }).expect(201);
    const code = batch.body.codes[0];
    const edited = await t.http
      .patch(url(`/codes/${code.id}`))
      .set(...auth())
      .send({ code: '  summer   camp 01 ' })
      .expect(200);
    expect(edited.body).toMatchObject({ code: 'SUMMERCAMP01', display: 'summer camp 01' });
    const listed = await t.http
      .get(url('/codes'))
      .query({ q: 'summercamp01' })
      .set(...auth())
      .expect(200);
    expect(listed.body.items.map((c: { display: string }) => c.display)).toEqual(['summer camp 01']);
    const one = await t.http
      .get(url(`/codes/${code.id}`))
      .set(...auth())
      .expect(200);
    expect(one.body.display).toBe('summer camp 01');
    const csv = await t.http
      .get(url(`/batches/${batch.body.batch.id}/codes.csv`))
      .set(...auth())
      .buffer(true)
      .expect(200);
    expect(csv.text).toContain('summer camp 01');
    expect(csv.text).not.toContain('SUMM-ERCA-MP01');
  });

  it('refuses to lower maxRedemptions below the uses already made', async () => {
    const batch = await createBatch({ count: 1, usageType: 'multiple', maxRedemptions: 5 }).expect(201);
    const code = batch.body.codes[0];
    await t.orm.em
      .getConnection()
      .execute('update access_codes set redemption_count = 3 where id = ?', [code.id]);
    const res = await t.http
      .patch(url(`/codes/${code.id}`))
      .set(...auth())
      .send({ maxRedemptions: 2 })
      .expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'maxRedemptions' });
    await t.http
      .patch(url(`/codes/${code.id}`))
      .set(...auth())
      .send({ maxRedemptions: 3 })
      .expect(200);
  });

  it('exports a batch and a filter as CSV that a CSV parser reads back, with formulas neutralised', async () => {
    const batch = await createBatch({ count: 12 }).expect(201);
    const evil = batch.body.codes[0];
    await t.http
      .patch(url(`/codes/${evil.id}`))
      .set(...auth())
      .send({ code: '=HYPERLINK("x")' })
      .expect(200);

    const csv = await t.http
      .get(url(`/batches/${batch.body.batch.id}/codes.csv`))
      .set(...auth())
      .buffer(true)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(12);
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining([
        'Created Date',
        'Code',
        'Valid Till',
        'Usage Type',
        'Active',
        'Status',
        'Redeemed By',
        'Product',
        'Plan',
      ]),
    );
    const codes = rows.map((r) => r.Code);
    // Shown as the admin typed it, then neutralised for spreadsheets.
    expect(codes).toContain(`'=HYPERLINK("x")`);
    expect(
      codes.filter((c) => !c.startsWith("'")).every((c) => /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(c)),
    ).toBe(true);
    expect(
      rows.every(
        (r) =>
          r['Usage Type'] === 'single' &&
          r.Active === 'yes' &&
          r.Status === 'unused' &&
          r.Product === 'Algebra course',
      ),
    ).toBe(true);

    await t.http
      .post(url(`/codes/${batch.body.codes[1].id}/deactivate`))
      .set(...auth())
      .expect(200);
    const filtered = await t.http
      .get(url('/codes/export.csv?active=false'))
      .set(...auth())
      .buffer(true)
      .expect(200);
    const inactive = parse(filtered.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(inactive.map((r) => r.Code)).toEqual([batch.body.codes[1].display]);
    expect(inactive[0].Active).toBe('no');
  });

  it('neutralises a formula that a Custom Name puts at the start of every code in the CSV', async () => {
    // The API accepts only letters and digits there; a name stored otherwise (an older row, a
    // manual fix) must still reach a spreadsheet as text.
    const custom = await createBatch({ count: 2, customName: 'SUM' }).expect(201);
    await t.orm.em
      .getConnection()
      .execute(`update batches set custom_name = '=SUM' where id = ?`, [custom.body.batch.id]);
    const csv = await t.http
      .get(url(`/batches/${custom.body.batch.id}/codes.csv`))
      .set(...auth())
      .buffer(true)
      .expect(200);
    const rows = parse(csv.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Code).sort()).toEqual([`'=SUM1`, `'=SUM2`]);
  });

  it('emails a standard batch with an Activate link per code, over SMTP', async () => {
    const res = await createBatch({ count: 3, notify: true, notifyEmail: 'teacher@example.test' }).expect(
      201,
    );
    const mail = await waitFor(() =>
      sink.mails.find(
        (m) => m.to.includes('teacher@example.test') && m.raw.includes(res.body.codes[0].display),
      ),
    );
    const body = unfold(mail.raw);
    for (const code of res.body.codes) {
      expect(body).toContain(code.display);
      expect(body).toContain(`/activate/${project.slug}/${code.code}`);
    }
    expect(body).toContain('Activate');
  });

  it('emails a bulk batch as a CSV attachment with a signed download link that works until it expires', async () => {
    const res = await createBatch({ count: 160, notify: true }).expect(202);
    await waitForBatch(t.http, owner.token, project.id, res.body.batch.id);
    const mail = await waitFor(() =>
      sink.mails.find((m) => m.to.includes(owner.email) && m.raw.includes(res.body.batch.id)),
    );
    const body = unfold(mail.raw);
    expect(body).toMatch(/Content-Disposition: attachment;\s+filename="?access-codes-/);
    const link =
      /https?:\/\/\S+?\/api\/v1\/public\/batches\/[0-9a-f-]+\/codes\.csv\?expires=\d+&(?:amp;)?signature=[\w-]+/.exec(
        body,
      )?.[0];
    expect(link).toBeDefined();
    const path = new URL(link!.replace('&amp;', '&')).pathname + new URL(link!.replace('&amp;', '&')).search;
    const download = await t.http.get(path).buffer(true).expect(200);
    expect(parse(download.text, { columns: true, bom: true })).toHaveLength(160);
    await t.http.get(path.replace(/signature=[\w-]+/, 'signature=forged')).expect(404);
  });

  it('deactivates a whole batch and records it on each code', async () => {
    const batch = await createBatch({ count: 4 }).expect(201);
    const res = await t.http
      .post(url(`/batches/${batch.body.batch.id}/deactivate`))
      .set(...auth())
      .expect(200);
    expect(res.body.deactivatedAt).toEqual(expect.any(String));
    const codes = await t.http
      .get(url(`/batches/${batch.body.batch.id}/codes`))
      .set(...auth())
      .expect(200);
    expect(codes.body.items.every((c: { active: boolean }) => !c.active)).toBe(true);
    const history = await t.http
      .get(url(`/codes/${batch.body.codes[0].id}/history`))
      .set(...auth())
      .expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['created', 'deactivated']);
  });

  it('keeps a plan that codes use from being deleted (it can be archived)', async () => {
    await createBatch({ count: 1 }).expect(201);
    const res = await t.http
      .delete(url(`/products/${catalog.productId}/plans/${catalog.planId}`))
      .set(...auth())
      .expect(409);
    expect(res.body.code).toBe('plan_in_use');
    await t.http
      .patch(url(`/products/${catalog.productId}/plans/${catalog.planId}`))
      .set(...auth())
      .send({ archived: true })
      .expect(200);
    const refused = await createBatch({ count: 1 }).expect(400);
    expect(refused.body.errors[0].field).toBe('planId');
  });

  it('hides another project’s batches and codes (404)', async () => {
    const batch = await createBatch({ count: 1 }).expect(201);
    const stranger = await createAccount(t.orm, t.http);
    await t.http
      .get(url(`/codes/${batch.body.codes[0].id}`))
      .set(...bearer(stranger.token))
      .expect(404);
    const theirs = await createProject(t.http, stranger.token);
    await t.http
      .get(`/api/v1/projects/${theirs.id}/codes/${batch.body.codes[0].id}`)
      .set(...bearer(stranger.token))
      .expect(404);
    await t.http
      .get(`/api/v1/projects/${theirs.id}/batches/${batch.body.batch.id}`)
      .set(...bearer(stranger.token))
      .expect(404);
  });

  it('numbers a bulk Custom Name batch on from the standard ones', async () => {
    await createBatch({ count: 3, customName: 'BULK' }).expect(201);
    const res = await createBatch({ count: 150, customName: 'BULK' }).expect(202);
    await waitForBatch(t.http, owner.token, project.id, res.body.batch.id);
    const [{ lo, hi, n }] = await t.orm.em
      .getConnection()
      .execute(
        'select min(sequence_no)::int as lo, max(sequence_no)::int as hi, count(*)::int as n from access_codes where batch_id = ?',
        [res.body.batch.id],
      );
    expect([lo, hi, n]).toEqual([4, 153, 150]);
  });

  it('COPYs bulk codes only when none collides, and writes nothing when one does', async () => {
    const batch = await createBatch({ count: 1 }).expect(201);
    const existing = batch.body.codes[0].code;
    const repo = t.app.get(AccessCodesRepository);
    const pool = t.app.get<pg.Pool>(PG_POOL);
    const template = {
      projectId: project.id,
      batchId: batch.body.batch.id,
      productId: catalog.productId,
      planId: catalog.planId,
      usageType: 'single' as const,
      maxRedemptions: 1,
      validFrom: null,
      validTill: null,
    };
    const client = await pool.connect();
    try {
      await client.query('begin');
      expect(await repo.copyCodes(client, template, ['FRESHC0DE001', existing])).toBe(false);
      expect(await repo.copyCodes(client, template, ['FRESHC0DE002', 'FRESHC0DE003'])).toBe(true);
      await client.query('commit');
    } finally {
      client.release();
    }
    const rows = await t.orm.em
      .getConnection()
      .execute('select code from access_codes where batch_id = ? order by code', [batch.body.batch.id]);
    expect(rows.map((r) => (r as { code: string }).code).sort()).toEqual(
      [existing, 'FRESHC0DE002', 'FRESHC0DE003'].sort(),
    );
  });
});
