// Issue 4 benchmark: bulk generation, deep keyset pages and the CSV export, each beside the raw
// PostgreSQL operation on the same table in the same run.
//
//   npx tsc -p backend/tsconfig.build.json && npx tsc -p libs/codes/tsconfig.build.json
//   node bench/batches.mjs            (BENCH_CODES=200000 for a quicker run)
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
import {
  api,
  fmt,
  freshDatabase,
  login,
  percentile,
  REDIS_URL,
  rssMb,
  run,
  sleep,
  startServer,
} from './lib.mjs';

const N = Number(process.env.BENCH_CODES ?? 1_000_000);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 200);
const dbUrl = await freshDatabase('admit_bench_batches');
const env = { DATABASE_URL: dbUrl };
await run(process.execPath, ['backend/dist/cli.js', 'migrate'], env);
await run(process.execPath, ['backend/dist/cli.js', 'seed'], env);
const server = await startServer({
  ...env,
  PORT: '3561',
  REDIS_URL,
  QUEUE_PREFIX: `admit_bench_${Date.now()}`,
});
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
  const copySql =
    'copy access_codes (project_id, batch_id, product_id, plan_id, code, usage_type, max_redemptions) from stdin with (format csv)';
  const reset = async () => {
    await db.query('truncate access_codes cascade');
    await db.query('vacuum analyze access_codes');
    await db.query('checkpoint');
  };
  // The raw limit, measured two ways: one COPY of all rows, and COPYs of the worker's chunk size
  // each in its own transaction (what the worker does, minus everything else). The faster is the reference.
  await reset();
  let t0 = performance.now();
  await pipeline(copyRows(0, N), db.query(copyFrom(copySql)));
  const singleCopy = (performance.now() - t0) / 1000;
  await reset();
  const CHUNK = 20_000;
  t0 = performance.now();
  for (let i = 0; i < N; i += CHUNK) {
    await db.query('begin');
    await pipeline(copyRows(i, Math.min(i + CHUNK, N)), db.query(copyFrom(copySql)));
    await db.query('commit');
  }
  const chunkedCopy = (performance.now() - t0) / 1000;
  await reset();
  await db.query('delete from batches where id = $1', [seedBatch]);
  const copySeconds = Math.min(singleCopy, chunkedCopy);
  results.copy = {
    singleSeconds: singleCopy,
    chunkedSeconds: chunkedCopy,
    seconds: copySeconds,
    rowsPerSecond: N / copySeconds,
  };
  console.log(
    `raw COPY of ${fmt(N)} rows: one COPY ${fmt(singleCopy, 2)} s, ${fmt(N / CHUNK)} COPYs of ${fmt(CHUNK)} ${fmt(chunkedCopy, 2)} s → reference ${fmt(N / copySeconds)} rows/s`,
  );

  // 2. The same number of codes through the API and the BullMQ worker.
  t0 = performance.now();
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
  console.log(
    `worker: ${fmt(N)} codes in ${fmt(workerSeconds, 2)} s (${fmt(N / workerSeconds)} codes/s) = ${fmt((100 * copySeconds) / workerSeconds, 1)} % of COPY (target ≥ 80 %)`,
  );
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
  console.log(JSON.stringify(results));
} finally {
  await db.end();
  await server.stop();
}
