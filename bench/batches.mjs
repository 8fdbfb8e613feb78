// Issue 4 benchmark: bulk generation, deep keyset pages and the CSV export, each beside the raw
// PostgreSQL operation on the same table in the same run.
//
//   npx tsc -p backend/tsconfig.build.json && npx tsc -p libs/codes/tsconfig.build.json
//   node bench/batches.mjs [--json rows.json]   (BENCH_CODES=200000 for a quicker run)
//
// The bulk batch runs on BENCH_WORKERS worker processes (default 2: the server, role `all`, and
// one `ADMIT_ROLE=worker` process), each taking chunk jobs of BATCH_CHUNK_SIZE codes. Its time is
// set beside raw COPY of the same rows in the same run: into access_codes itself (same indexes,
// foreign key, defaults), with one connection and with as many connections as workers, and into
// a copy of the table that has only the unique (project_id, code) index.
// BENCH_DB (default admit_bench_batches) and BENCH_PORT (default 3561) keep parallel runs apart.
// --json <file> writes the figures as rows {group, name, value, unit, limitName, limitValue,
// ratio, target, pass} for bench/run.mjs.
import { createCodeGenerator } from '../libs/codes/dist/index.js';
import {
  AccessCodesRepository,
  CODE_COLUMNS,
  CODE_FROM,
} from '../backend/dist/modules/access-codes/access-codes.repository.js';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import {
  api,
  fmt,
  freshDatabase,
  login,
  percentile,
  REDIS_URL,
  ROOT,
  rssMb,
  run,
  sleep,
  startServer,
} from './lib.mjs';

const N = Number(process.env.BENCH_CODES ?? 1_000_000);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 200);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CHUNK = Number(process.env.BATCH_CHUNK_SIZE ?? 20_000);
const jsonAt = process.argv.indexOf('--json');
const JSON_FILE = jsonAt > 0 ? process.argv[jsonAt + 1] : undefined;
const dbUrl = await freshDatabase(process.env.BENCH_DB ?? 'admit_bench_batches');
const env = { DATABASE_URL: dbUrl, BATCH_CHUNK_SIZE: String(CHUNK) };
await run(process.execPath, ['backend/dist/cli.js', 'migrate'], env);
await run(process.execPath, ['backend/dist/cli.js', 'seed'], env);
const queuePrefix = `admit_bench_${Date.now()}`;
const server = await startServer({
  ...env,
  PORT: process.env.BENCH_PORT ?? '3561',
  REDIS_URL,
  QUEUE_PREFIX: queuePrefix,
});
// The other workers: processes as production runs them, on the same database and queue.
const extraWorkers = Array.from({ length: WORKERS - 1 }, () =>
  spawn(process.execPath, ['backend/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      ADMIT_ROLE: 'worker',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
);
// Stopped from outside: take the backend and the workers down too.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    for (const child of [server.child, ...extraWorkers]) child.kill('SIGKILL');
    process.exit(1);
  });
/** Figures as rows for bench/run.mjs (`--json`). */
const figures = [];
const figure = (r) => figures.push({ group: 'batches', target: null, pass: null, ...r });
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
const results = {
  machine: `${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB`,
  date: new Date().toISOString(),
  codes: N,
};

try {
  const call = api(server.url, await login(server.url));
  const project = (await call('GET', '/projects')).items.find((p) => p.slug === 'demo');
  await call('PATCH', `/projects/${project.id}`, { settings: { maxBatchSize: Math.max(N, 2000) } });
  const product = (await call('GET', `/projects/${project.id}/products`)).items[0];
  const plan = product.plans[0];

  // 1. Raw COPY of N rows into access_codes (same table, same indexes), then empty the table.
  const [{ id: seedBatch }] = (
    await db.query(
      `insert into batches (id, project_id, product_id, plan_id, mode, status, requested_count, usage_type, format, notify)
       values (gen_random_uuid(), $1, $2, $3, 'bulk', 'completed', $4, 'single', '{"kind":"random","length":12,"groupSize":4,"checkChar":false}', false)
       returning id`,
      [project.id, product.id, plan.id, N],
    )
  ).rows;
  const codes = createCodeGenerator().many(N);
  const prefix = `${project.id},${seedBatch},${product.id},${plan.id},`;
  const copyRows = (from, to) =>
    Readable.from(
      (function* () {
        for (let i = from; i < to; i += 10_000) {
          yield codes
            .slice(i, Math.min(i + 10_000, to))
            .map((c) => `${prefix}${c},single,1\n`)
            .join('');
        }
      })(),
    );
  const copySql = (table) =>
    `copy ${table} (project_id, batch_id, product_id, plan_id, code, usage_type, max_redemptions) from stdin with (format csv)`;
  const reset = async (table = 'access_codes') => {
    await db.query(`truncate ${table} cascade`);
    await db.query(`vacuum analyze ${table}`);
    await db.query('checkpoint');
  };
  const timed = async (work) => {
    const t0 = performance.now();
    await work();
    return (performance.now() - t0) / 1000;
  };
  /** COPYs of CHUNK rows, each in its own transaction, on `connections` connections at once. */
  const chunkedCopy = async (table, connections) => {
    const clients = await Promise.all(
      Array.from({ length: connections }, async () => {
        const c = new pg.Client({ connectionString: dbUrl });
        await c.connect();
        return c;
      }),
    );
    let next = 0;
    const seconds = await timed(() =>
      Promise.all(
        clients.map(async (c) => {
          for (let i = (next += CHUNK) - CHUNK; i < N; i = (next += CHUNK) - CHUNK) {
            await c.query('begin');
            await pipeline(copyRows(i, Math.min(i + CHUNK, N)), c.query(copyFrom(copySql(table))));
            await c.query('commit');
          }
        }),
      ),
    );
    await Promise.all(clients.map((c) => c.end()));
    return seconds;
  };
  // The raw limit, measured three ways into access_codes itself: one COPY of all rows, COPYs of
  // the worker's chunk size each in its own transaction (what one worker does, minus everything
  // else), and the same on WORKERS connections at once. The fastest is the reference.
  await reset();
  const singleCopy = await timed(() => pipeline(copyRows(0, N), db.query(copyFrom(copySql('access_codes')))));
  await reset();
  const chunkedOne = await chunkedCopy('access_codes', 1);
  await reset();
  const chunkedParallel = WORKERS > 1 ? await chunkedCopy('access_codes', WORKERS) : Infinity;
  await reset();
  // The same rows into a table with only the unique (project_id, code) index: no primary key,
  // no secondary index, no foreign key, no trigger (what the codes table would cost at its leanest).
  await db.query(
    'create table bench_codes_unique_only (like access_codes including defaults); ' +
      'alter table bench_codes_unique_only add unique (project_id, code)',
  );
  await reset('bench_codes_unique_only');
  const uniqueOnlySingle = await timed(() =>
    pipeline(copyRows(0, N), db.query(copyFrom(copySql('bench_codes_unique_only')))),
  );
  await reset('bench_codes_unique_only');
  const uniqueOnlyParallel = WORKERS > 1 ? await chunkedCopy('bench_codes_unique_only', WORKERS) : Infinity;
  await db.query('drop table bench_codes_unique_only');
  await db.query('delete from batches where id = $1', [seedBatch]);
  const copySeconds = Math.min(singleCopy, chunkedOne, chunkedParallel);
  const uniqueOnlySeconds = Math.min(uniqueOnlySingle, uniqueOnlyParallel);
  results.copy = {
    singleSeconds: singleCopy,
    chunkedSeconds: chunkedOne,
    chunkedParallelSeconds: chunkedParallel,
    seconds: copySeconds,
    rowsPerSecond: N / copySeconds,
    uniqueOnlySingleSeconds: uniqueOnlySingle,
    uniqueOnlyParallelSeconds: uniqueOnlyParallel,
    uniqueOnlySeconds,
  };
  console.log(
    `raw COPY of ${fmt(N)} rows into access_codes: one COPY ${fmt(singleCopy, 2)} s, ${fmt(Math.ceil(N / CHUNK))} COPYs of ${fmt(CHUNK)} ${fmt(chunkedOne, 2)} s, the same on ${WORKERS} connections ${fmt(chunkedParallel, 2)} s → reference ${fmt(copySeconds, 2)} s (${fmt(N / copySeconds)} rows/s)`,
  );
  console.log(
    `raw COPY of ${fmt(N)} rows into a table with only the unique index: one COPY ${fmt(uniqueOnlySingle, 2)} s, ${WORKERS} connections ${fmt(uniqueOnlyParallel, 2)} s → ${fmt(uniqueOnlySeconds, 2)} s (${fmt(N / uniqueOnlySeconds)} rows/s)`,
  );

  // 2. The same number of codes through the API and the BullMQ worker.
  let t0 = performance.now();
  const { batch } = await call('POST', `/projects/${project.id}/batches`, {
    productId: product.id,
    planId: plan.id,
    count: N,
    usageType: 'single',
  });
  let state;
  do {
    await sleep(100);
    state = await call('GET', `/projects/${project.id}/batches/${batch.id}`);
  } while (state.status === 'queued' || state.status === 'running');
  const wall = (performance.now() - t0) / 1000;
  if (state.status !== 'completed' || state.generatedCount !== N)
    throw new Error(`batch ended ${state.status} ${state.generatedCount}`);
  const workerSeconds = (Date.parse(state.completedAt) - Date.parse(state.createdAt)) / 1000;
  results.worker = {
    seconds: workerSeconds,
    wallSeconds: wall,
    rowsPerSecond: N / workerSeconds,
    ratioToCopy: copySeconds / workerSeconds,
  };
  const chunkWorkers = (
    await db.query('select count(distinct worker)::int as n from batch_chunks where batch_id = $1', [
      batch.id,
    ])
  ).rows[0].n;
  const targetSeconds = (10 * N) / 1_000_000;
  console.log(
    `bulk batch: ${fmt(N)} codes in ${fmt(workerSeconds, 2)} s (${fmt(N / workerSeconds)} codes/s, chunks written by ${chunkWorkers} of ${WORKERS} workers; target ≤ ${fmt(targetSeconds, 1)} s) = ${fmt((100 * copySeconds) / workerSeconds, 1)} % of raw COPY into access_codes (${fmt(copySeconds, 2)} s), ${fmt((100 * uniqueOnlySeconds) / workerSeconds, 1)} % of raw COPY into the unique-index-only table (${fmt(uniqueOnlySeconds, 2)} s)`,
  );
  figure({
    name: `bulk batch of ${fmt(N)} codes (${WORKERS} workers) vs raw COPY into access_codes`,
    value: workerSeconds,
    unit: 's',
    limitName: 'raw COPY of the same rows into access_codes',
    limitValue: copySeconds,
    ratio: copySeconds / workerSeconds,
    target: `≤ ${targetSeconds} s`,
    pass: workerSeconds <= targetSeconds,
  });
  figure({
    name: `bulk batch of ${fmt(N)} codes (${WORKERS} workers) vs raw COPY into a table with only the unique index`,
    value: workerSeconds,
    unit: 's',
    limitName: 'raw COPY of the same rows into a table with only the unique (project_id, code) index',
    limitValue: uniqueOnlySeconds,
    ratio: uniqueOnlySeconds / workerSeconds,
  });
  await db.query('vacuum analyze access_codes');

  // Some redemptions so that "used" has something to find.
  await db.query(
    `update access_codes set redemption_count = 1 where id in (select id from access_codes where batch_id = $1 order by code limit 1000)`,
    [batch.id],
  );

  // 3. A page of 100 deep in the list (70 % down), one filter at a time: HTTP vs the same SQL bare.
  const deep = (
    await db.query(
      `select created_at::text as k, id from access_codes where project_id = $1 order by created_at desc, id desc offset $2 limit 1`,
      [project.id, Math.floor(N * 0.7)],
    )
  ).rows[0];
  const cursor = Buffer.from(`${deep.k}|${deep.id}`).toString('base64url');
  const repo = new AccessCodesRepository();
  const filters = {
    none: {},
    'status=unused': { status: 'unused' },
    'active=true': { active: true },
    batchId: { batchId: batch.id },
    planId: { planId: plan.id },
  };
  results.pages = {};
  for (const [name, f] of Object.entries(filters)) {
    const { where, params } = repo.filterSql(project.id, f, undefined);
    where.push('(c.created_at, c.id) < (?::timestamptz, ?::uuid)');
    params.push(deep.k, deep.id);
    let i = 0;
    const sql =
      `select ${CODE_COLUMNS} ${CODE_FROM} where ${where.join(' and ')} order by c.created_at desc, c.id desc limit 101`.replace(
        /\?/g,
        () => `$${++i}`,
      );
    const query = new URLSearchParams({
      limit: '100',
      cursor,
      ...Object.fromEntries(Object.entries(f).map(([k, v]) => [k, String(v)])),
    });
    const bare = [];
    const http = [];
    for (let r = 0; r < PAGE_RUNS + 20; r++) {
      let s = performance.now();
      const rows = (await db.query(sql, params)).rows;
      if (r >= 20) bare.push(performance.now() - s);
      s = performance.now();
      const page = await call('GET', `/projects/${project.id}/codes?${query}`);
      if (r >= 20) http.push(performance.now() - s);
      if (rows.length !== 101 || page.items.length !== 100) throw new Error(`short page for ${name}`);
    }
    const row = {
      bareP95: percentile(bare, 95),
      httpP95: percentile(http, 95),
      bareP50: percentile(bare, 50),
      httpP50: percentile(http, 50),
    };
    row.ratio = row.httpP95 / row.bareP95;
    results.pages[name] = row;
    figure({
      name: `deep page of 100, filter ${name}, p95`,
      value: row.httpP95,
      unit: 'ms',
      limitName: 'the same SQL, p95',
      limitValue: row.bareP95,
      ratio: row.ratio,
      target: '≤ 3×',
      pass: row.ratio <= 3,
    });
    console.log(
      `page of 100, filter ${name}: HTTP p95 ${fmt(row.httpP95, 2)} ms, bare SQL p95 ${fmt(row.bareP95, 2)} ms → ${fmt(row.ratio, 2)}× (target ≤ 3×)`,
    );
  }

  // 4. CSV export of all N codes: HTTP (streamed COPY with formatting) vs COPY … TO STDOUT of the same rows.
  const counter = () => {
    let bytes = 0;
    return {
      sink: new Writable({
        write(chunk, _e, cb) {
          bytes += chunk.length;
          cb();
        },
      }),
      bytes: () => bytes,
    };
  };
  let c = counter();
  t0 = performance.now();
  await pipeline(
    db.query(
      copyTo(
        `copy (select * from access_codes where project_id = '${project.id}' order by created_at desc, id desc) to stdout with (format csv, header true)`,
      ),
    ),
    c.sink,
  );
  const rawExport = (performance.now() - t0) / 1000;
  const rawBytes = c.bytes();
  await sleep(500);
  const idle = rssMb(server.child.pid);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.child.pid))), 25);
  c = counter();
  t0 = performance.now();
  const res = await fetch(`${server.url}/api/v1/projects/${project.id}/codes/export.csv`, {
    headers: { authorization: `Bearer ${await login(server.url)}` },
  });
  await pipeline(Readable.fromWeb(res.body), c.sink);
  const httpExport = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const lines = c.bytes();
  results.export = {
    rawSeconds: rawExport,
    rawBytes,
    httpSeconds: httpExport,
    httpBytes: lines,
    speedRatio: rawExport / httpExport,
    idleRssMb: idle,
    peakRssMb: peak,
    rssGrowthMb: peak - idle,
  };
  console.log(
    `export of ${fmt(N)} codes: HTTP ${fmt(httpExport, 2)} s (${fmt(lines / 2 ** 20, 1)} MiB), COPY TO STDOUT ${fmt(rawExport, 2)} s (${fmt(rawBytes / 2 ** 20, 1)} MiB) → ${fmt((100 * rawExport) / httpExport, 1)} % of COPY speed (target ≥ 50 %); server RSS ${fmt(idle)} → ${fmt(peak)} MB (+${fmt(peak - idle)} MB, target < 150)`,
  );
  figure({
    name: `CSV export of ${fmt(N)} codes`,
    value: httpExport,
    unit: 's',
    limitName: 'COPY … TO STDOUT of the same rows',
    limitValue: rawExport,
    ratio: rawExport / httpExport,
    target: '≥ 0.8×',
    pass: rawExport / httpExport >= 0.8,
  });
  figure({
    name: `server RSS growth during the export of ${fmt(N)} codes`,
    value: peak - idle,
    unit: 'MB',
    limitName: 'server RSS before the export',
    limitValue: idle,
    ratio: null,
    target: '< 150 MB',
    pass: peak - idle < 150,
  });
  console.log(JSON.stringify(results));
  if (JSON_FILE) writeFileSync(JSON_FILE, `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await db.end();
  for (const w of extraWorkers) w.kill('SIGTERM');
  await server.stop();
}
