// The big dataset of the scale benchmarks (listing, counts, search, export): one project of
// N codes (default 10,000,000) with 1 redemption per 10 codes, written set-based straight into
// PostgreSQL (generate_series), plus a small project of 10,000 codes for the counts comparison.
// Built once into its own database and reused by every script of the run (a marker table
// records N); `--fresh` rebuilds it.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { execSync } from 'node:child_process';
import pg from 'pg';
import { PG_BASE, REDIS_URL, freshDatabase, login, percentile, run, startServer } from './lib.mjs';

/** `--name value` and `--flag` from argv. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const next = process.argv[i + 1];
  return next === undefined || next.startsWith('--') ? true : next;
}

export const CODES = Number(arg('codes', process.env.BENCH_CODES ?? 10_000_000));
export const SMALL = 10_000;
/** One database per size, so a smaller run never drops the 10M dataset. */
export const SCALE_DB =
  process.env.BENCH_SCALE_DB ?? (CODES === 10_000_000 ? 'admit_bench_scale' : `admit_bench_scale_${CODES}`);
const BATCHES = 10;

/** A bench result row, in the contract every bench script follows (`--json <file>`). */
export function resultRow({ group, name, value, unit, limitName, limitValue, target }) {
  // target: "<= 3" (value/limit at most 3) or ">= 0.8" (value/limit at least 0.8).
  const ratio = limitValue ? value / limitValue : null;
  const [op, bound] = target ? target.split(' ') : [];
  const pass = ratio === null || !op ? null : op === '<=' ? ratio <= Number(bound) : ratio >= Number(bound);
  return { group, name, value, unit, limitName, limitValue, ratio, target: target ?? null, pass };
}

export function writeJson(rows) {
  const file = arg('json');
  if (typeof file === 'string') writeFileSync(file, JSON.stringify(rows, null, 2));
}

export function printRows(rows) {
  for (const r of rows) {
    console.log(
      `${r.group} · ${r.name}: ${fmtNum(r.value)} ${r.unit}` +
        (r.limitName ? ` vs ${r.limitName} ${fmtNum(r.limitValue)} ${r.unit} → ${r.ratio?.toFixed(2)}` : '') +
        (r.target ? ` (target ${r.target}) ${r.pass ? 'ok' : 'MISS'}` : ''),
    );
  }
}

export const fmtNum = (n) =>
  n === null || n === undefined
    ? ''
    : n.toLocaleString('en', { maximumFractionDigits: n < 10 ? 2 : n < 1000 ? 1 : 0 });

export function machine() {
  const cpus = os.cpus();
  let model = cpus[0]?.model.trim() ?? 'unknown CPU';
  try {
    model = execSync("lscpu | sed -n 's/^Model name: *//p'", { encoding: 'utf8' }).trim() || model;
  } catch {
    /* keep os.cpus() */
  }
  return `${cpus.length} cores (nproc), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${model}`;
}

/** p95 (and p50) in ms of `fn` over `runs` calls after `warm` untimed ones. */
export async function timeIt(fn, runs = 40, warm = 5) {
  const times = [];
  for (let i = 0; i < runs + warm; i++) {
    const s = performance.now();
    await fn();
    if (i >= warm) times.push(performance.now() - s);
  }
  return { p95: percentile(times, 95), p50: percentile(times, 50) };
}

/**
 * p95/p50 of two things measured side by side: rounds alternate which goes first, so a noisy
 * moment of the shared machine falls on both.
 */
export async function timePair(a, b, runs = 40, warm = 5) {
  const ta = [];
  const tb = [];
  for (let i = 0; i < runs + warm; i++) {
    for (const [fn, times] of i % 2
      ? [
          [b, tb],
          [a, ta],
        ]
      : [
          [a, ta],
          [b, tb],
        ]) {
      const s = performance.now();
      await fn();
      if (i >= warm) times.push(performance.now() - s);
    }
  }
  const stats = (t) => ({ p95: percentile(t, 95), p50: percentile(t, 50) });
  return [stats(ta), stats(tb)];
}

/**
 * The dataset: returns { url, db (connected pg.Client), ids }. Rebuilt only when missing, built
 * for another N, or `--fresh`.
 */
export async function scaleDataset() {
  const url = `${PG_BASE}/${SCALE_DB}`;
  if (!arg('fresh')) {
    const db = new pg.Client({ connectionString: url });
    try {
      await db.connect();
      const { rows } = await db.query('select data from bench_meta where codes = $1', [CODES]);
      if (rows.length) return { url, db, ids: rows[0].data };
      await db.end();
    } catch {
      await db.end().catch(() => undefined);
    }
  }
  return build();
}

async function build() {
  const started = performance.now();
  const url = await freshDatabase(SCALE_DB);
  const env = { DATABASE_URL: url };
  await run(process.execPath, ['backend/dist/cli.js', 'migrate'], env);
  await run(process.execPath, ['backend/dist/cli.js', 'seed'], env);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('set jit = off');
  const [project] = (await db.query(`select id, tenant_id from projects where slug = 'demo'`)).rows;
  const [product] = (await db.query('select id from products where project_id = $1', [project.id])).rows;
  const plans = (await db.query('select id from plans where product_id = $1 order by name', [product.id]))
    .rows;
  await db.query('update projects set max_batch_size = $2, bulk_threshold = 150 where id = $1', [
    project.id,
    CODES,
  ]);
  // A small project beside it: the counts at 10,000 codes.
  const small = (
    await db.query(
      `insert into projects (id, tenant_id, slug, name, code_format)
       select gen_random_uuid(), tenant_id, 'small', 'Small project', code_format from projects where id = $1 returning id`,
      [project.id],
    )
  ).rows[0];
  const smallProduct = (
    await db.query(
      `insert into products (id, project_id, name) values (gen_random_uuid(), $1, 'Small product') returning id`,
      [small.id],
    )
  ).rows[0];
  const smallPlan = (
    await db.query(
      `insert into plans (id, project_id, product_id, name, access_days) values (gen_random_uuid(), $1, $2, 'Small plan', 30) returning id`,
      [small.id, smallProduct.id],
    )
  ).rows[0];
  await db.query(
    `insert into project_members (id, project_id, user_id, role)
     select gen_random_uuid(), $1, user_id, role from project_members where project_id = $2`,
    [small.id, project.id],
  );

  const format = '{"kind":"random","length":16,"groupSize":4,"checkChar":false}';
  const makeBatch = async (projectId, productId, planId, count, hoursAgo, validTill = null) =>
    (
      await db.query(
        `insert into batches (id, project_id, product_id, plan_id, mode, status, requested_count, generated_count,
                              usage_type, max_redemptions, valid_till, format, notify, created_at, completed_at)
         values (gen_random_uuid(), $1, $2, $3, 'bulk', 'completed', $4, $4, 'single', 1, $6, $7, false,
                 now() - make_interval(hours => $5), now() - make_interval(hours => $5)) returning id, created_at`,
        [projectId, productId, planId, count, hoursAgo, validTill, format],
      )
    ).rows[0];
  // Codes: 16 hex digits of md5 (valid Crockford symbols, 64 bits: no collision at 10M).
  // Every 9th code is redeemed (its redemption row is written below).
  const fill = async (batch, projectId, productId, planId, from, count, validTill = null) => {
    await db.query(
      `insert into access_codes (project_id, batch_id, product_id, plan_id, code, usage_type, max_redemptions, valid_till,
                                 created_at, redemption_count)
       select $1, $2, $3, $4, upper(substr(md5($5 || ':' || i), 1, 16)), 'single', 1, $8, $9, (i % 9 = 0)::int
         from generate_series($6::bigint, $7::bigint) as i`,
      [
        projectId,
        batch.id,
        productId,
        planId,
        projectId,
        from,
        from + count - 1,
        validTill,
        batch.created_at,
      ],
    );
  };

  // Loading 10M rows into a table that keeps six indexes up to date row by row (random codes and
  // ids: random pages of big indexes) takes most of an hour on a busy machine; the indexes built
  // once at the end take minutes. So: the secondary indexes go, the rows are written with
  // triggers off (the counters' triggers, the batch foreign key: the batches are ours), then the
  // indexes come back as the migrations define them and the counters are computed in one pass.
  const { rows: secondary } = await db.query(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def,
            c.conname, pg_get_constraintdef(c.oid) as condef
       from pg_index i left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
      where i.indrelid = 'access_codes'::regclass and not i.indisprimary`,
  );
  for (const ix of secondary)
    await db.query(
      ix.conname ? `alter table access_codes drop constraint ${ix.conname}` : `drop index ${ix.name}`,
    );
  await db.query('set session_replication_role = replica');

  // The big project: BATCHES - 1 batches now, the last one later through the API (a real bulk run).
  const perBatch = Math.floor(CODES / BATCHES);
  const preloaded = CODES - perBatch;
  const batchIds = [];
  for (let b = 0; b < BATCHES - 1; b++) {
    const count = b === BATCHES - 2 ? preloaded - perBatch * (BATCHES - 2) : perBatch;
    // Batch 1 expired yesterday; the plans alternate.
    const validTill = b === 1 ? new Date(Date.now() - 86_400_000) : null;
    const batch = await makeBatch(
      project.id,
      product.id,
      plans[b % plans.length].id,
      count,
      100 - b,
      validTill,
    );
    await fill(batch, project.id, product.id, plans[b % plans.length].id, b * perBatch, count, validTill);
    batchIds.push(batch.id);
    console.error(
      `  dataset: batch ${b + 1}/${BATCHES - 1} (${count} codes) at ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const smallBatch = await makeBatch(small.id, smallProduct.id, smallPlan.id, SMALL, 50);
  await fill(smallBatch, small.id, smallProduct.id, smallPlan.id, 0, SMALL);

  // The redemptions of the used codes, with learner names that repeat.
  const { rowCount: redemptions } = await db.query(
    `insert into redemptions (id, project_id, code_id, batch_id, product_id, plan_id, learner_external_id,
                              learner_email, learner_name, channel, redeemed_at)
     select gen_random_uuid(), $1, p.id, p.batch_id, p.product_id, p.plan_id, 'lrn-' || lpad(p.n::text, 8, '0'),
            'learner' || p.n || '@school' || (p.n % 100) || '.example',
            (array['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','John','Katherine','Linus'])[1 + p.n % 10]
              || ' ' || (array['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Backus','Johnson','Torvalds',
                                'Smith','Nguyen','Garcia','Okafor','Kowalski','Tanaka','Silva','Müller','Rossi','Haddad'])[1 + (p.n / 10) % 20]
              || ' ' || p.n,
            'api', now() - make_interval(secs => p.n::int)
       from (select id, batch_id, product_id, plan_id, row_number() over () as n
               from access_codes where project_id = $1 and redemption_count > 0) p`,
    [project.id],
  );
  // The export's "Redeemed By", kept on the code as the claim keeps it.
  await db.query(
    `update access_codes c set redeemed_by = coalesce(r.learner_name, r.learner_email, r.learner_external_id)
                                            || coalesce(' <' || r.learner_email || '>', '')
       from redemptions r where r.code_id = c.id and r.project_id = $1`,
    [project.id],
  );
  // 1 % of one batch deactivated.
  await db.query(
    `update access_codes set active = false where batch_id = $1 and (('x' || substr(code, 9, 4))::bit(16)::int % 100) = 0`,
    [batchIds[2]],
  );
  await db.query('set session_replication_role = origin');
  await db.query(`set maintenance_work_mem = '512MB'`);
  for (const ix of secondary) {
    await db.query(
      ix.conname ? `alter table access_codes add constraint ${ix.conname} ${ix.condef}` : ix.def,
    );
    console.error(`  dataset: index ${ix.name} at ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await db.query(
    `insert into access_code_counters (batch_id, shard, total, used)
     select batch_id, 0, count(*), count(*) filter (where redemption_count > 0) from access_codes group by batch_id`,
  );
  await db.query('vacuum analyze');
  const ids = {
    projectId: project.id,
    productId: product.id,
    planIds: plans.map((p) => p.id),
    batchIds,
    smallProjectId: small.id,
    smallBatchId: smallBatch.id,
  };
  await db.query('create table if not exists bench_meta (codes bigint primary key, data jsonb not null)');
  await db.query('insert into bench_meta values ($1, $2)', [CODES, ids]);
  console.error(
    `  dataset: ${CODES} codes, ${redemptions} redemptions in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return { url, db, ids };
}

/** A loopback port nobody listens on now (other helpers run servers on fixed ports). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The API on the dataset, role all (the worker runs the bulk batch), on a free loopback port. */
export async function scaleServer(url) {
  return startServer({
    DATABASE_URL: url,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    REDIS_URL,
    QUEUE_PREFIX: `admit_bench_scale_${Date.now()}`,
    // The console's reads may be slow on purpose in deep filters; give them room to be measured.
    READ_STATEMENT_TIMEOUT_MS: '60000',
  });
}

/** Timed rounds per figure (`BENCH_RUNS`). */
export const RUNS = Number(process.env.BENCH_RUNS ?? 100);

/**
 * What every scale script does around its measurements: the dataset (built when missing), a
 * direct connection without JIT, the API on it, an owner's token; `body` pushes result rows,
 * which are printed and written (`--json`) once the server and the connection are closed.
 */
export async function scaleSession(body) {
  const { url, db, ids } = await scaleDataset();
  await db.query('set jit = off');
  const server = await scaleServer(url);
  const rows = [];
  try {
    const token = await login(server.url);
    await body({ db, ids, server, token, rows, get: (path) => getJson(server.url, token, path) });
  } finally {
    await server.stop();
    await db.end();
  }
  printRows(rows);
  writeJson(rows);
  return rows;
}

/** `?` placeholders to `$n`, as the backend's runners do. */
export function numbered(sql) {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/**
 * The statements one list request runs (page, then redeemers of the used rows on it, then counts
 * when asked), taken from the backend's own repository (backend/dist), with their parameters:
 * replayed directly, they are "the same SQL" an HTTP figure is compared with.
 */
export async function listStatements(db, projectId, filters, { limit = 100, cursor, counts = false } = {}) {
  const { AccessCodesRepository } =
    await import('../backend/dist/modules/access-codes/access-codes.repository.js');
  const { normaliseSearch } = await import('../backend/dist/modules/access-codes/access-code.types.js');
  const repo = new AccessCodesRepository();
  const statements = [];
  const capture = async (sql, params) => {
    statements.push({ sql: numbered(sql), params });
    return (await db.query(numbered(sql), params)).rows;
  };
  const q = normaliseSearch(filters.q);
  const { rows } = await repo.page(capture, projectId, filters, q, limit, cursor);
  await repo.redeemers(
    capture,
    rows.filter((r) => r.redemption_count > 0).map((r) => r.id),
  );
  if (counts) await repo.counts(capture, projectId, filters, q);
  return { statements, rows };
}

export async function replay(db, statements) {
  for (const s of statements) await db.query(s.sql, s.params);
}

/** GET on the API, JSON. */
export async function getJson(url, token, path) {
  const res = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

export function query(filters) {
  return new URLSearchParams(Object.entries(filters).map(([k, v]) => [k, String(v)])).toString();
}
