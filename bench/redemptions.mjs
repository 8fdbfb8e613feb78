// Redemptions per second and latency over HTTP (the whole backend: auth, validation, rate-limit
// check, the redemption transaction, JSON) beside the same redemption transaction driven directly
// against PostgreSQL with `pg`, in one run, on loopback.
//
//   npx tsc -p backend/tsconfig.build.json && node bench/redemptions.mjs [codesPerRound] [rounds]
//
// It creates the database admit_bench (dropped and re-created each run), migrates it with the
// backend's CLI, seeds a project, an API key and single-use codes set-based, starts
// backend/dist/main.js on 127.0.0.1, and then, for each round, redeems `codesPerRound` distinct
// codes over HTTP with autocannon (closed loop, C connections) and `codesPerRound` other codes
// directly (C pg connections, the service's claim statement, prepared, no transaction around it, as
// the service runs it). A last phase offers HTTP a fixed 1,000 requests/s. Everything is bounded
// and stops by itself. `--json <file>` also writes the figures as rows {group, name, value, unit,
// limitName, limitValue, ratio, target, pass} for bench/run.mjs.
//
// Environment: BENCH_PG (default postgres://postgres@127.0.0.1:5432/postgres, used to create the
// database), BENCH_DB (default admit_bench), REDIS_URL (default redis://127.0.0.1:6379),
// BENCH_CONCURRENCY (default 10).
import autocannon from 'autocannon';
import pg from 'pg';
import console from 'node:console';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = `${ROOT}backend/dist`;
if (!existsSync(`${DIST}/main.js`)) {
  console.error('backend/dist is missing: run `npx tsc -p backend/tsconfig.build.json` first.');
  process.exit(1);
}
// The exact statement the service runs: the repository's claim.
const { RedemptionsRepository, preparedOn } = await import(
  `${DIST}/modules/redemptions/redemptions.repository.js`
);

const jsonAt = process.argv.indexOf('--json');
const JSON_FILE = jsonAt > 0 ? process.argv[jsonAt + 1] : undefined;
const args = process.argv.slice(2).filter((_, i, all) => all[i] !== '--json' && all[i - 1] !== '--json');
const PER_ROUND = Number(args[0] ?? 5000);
const ROUNDS = Number(args[1] ?? 3);
const TARGET_RPS = 1000;
const TARGET_SECONDS = 5;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
// Codes used to warm up, half per side. 500 left the API's first round the slowest in every run
// (1,210–1,350 req/s against 1,600–1,760 in the third, 2026-11-30): V8 had not yet optimised the
// request path. 6,000 brings it to its steady rate before any round is timed.
const WARMUP = 6000;
const ADMIN_URL = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// BENCH_DB lets two people bench on one server without dropping each other's database.
const DB_NAME = process.env.BENCH_DB ?? 'admit_bench';
const DB_URL = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
})();
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Never run away: the whole benchmark is done in well under ten minutes or it gives up.
const deadline = setTimeout(() => fail(new Error('benchmark took longer than 10 minutes')), 10 * 60_000);
deadline.unref();

let server;
async function fail(err) {
  console.error(err);
  server?.kill('SIGTERM');
  process.exit(1);
}
process.on('unhandledRejection', fail);
// Stopped from outside: take the backend down too.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => fail(new Error(`stopped by ${signal}`)));

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function recreateDatabase() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
  const migrate = spawnSync(process.execPath, [`${DIST}/cli.js`, 'migrate'], {
    env: { ...process.env, DATABASE_URL: DB_URL, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrate failed:\n${migrate.stdout}\n${migrate.stderr}`);
}

/** A project, an API key with redemptions:write, a product, a plan, a batch and its codes, set-based. */
async function seed(db, total) {
  const ids = {
    tenant: randomUUID(),
    project: randomUUID(),
    product: randomUUID(),
    plan: randomUUID(),
    batch: randomUUID(),
    key: randomUUID(),
  };
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  await db.query('begin');
  await db.query('insert into tenants (id, name) values ($1, $2)', [ids.tenant, 'Bench tenant']);
  await db.query(
    `insert into projects (id, tenant_id, slug, name, code_format) values ($1, $2, 'bench', 'Bench', $3)`,
    [ids.project, ids.tenant, JSON.stringify({ length: 12, groupSize: 4, checkChar: false })],
  );
  await db.query(
    `insert into api_keys (id, project_id, name, prefix, secret_hash, scopes) values ($1, $2, 'bench', $3, $4, '{redemptions:write}')`,
    [ids.key, ids.project, prefix, createHash('sha256').update(secret).digest('hex')],
  );
  await db.query('insert into products (id, project_id, name) values ($1, $2, $3)', [
    ids.product,
    ids.project,
    'Algebra course',
  ]);
  await db.query(
    'insert into plans (id, project_id, product_id, name, access_days) values ($1, $2, $3, $4, 30)',
    [ids.plan, ids.project, ids.product, 'Monthly'],
  );
  await db.query(
    `insert into batches (id, project_id, product_id, plan_id, mode, status, requested_count, generated_count,
                          usage_type, max_redemptions, format, notify, completed_at)
     values ($1, $2, $3, $4, 'bulk', 'completed', $5, $5, 'single', 1, $6, false, now())`,
    [
      ids.batch,
      ids.project,
      ids.product,
      ids.plan,
      total,
      JSON.stringify({ kind: 'random', length: 12, groupSize: 4, checkChar: false }),
    ],
  );
  // Codes H000000000001… for HTTP, D000000000001… for the direct driver, W… for the warm-up: all
  // already in normalised form (no O, I or L), so what is sent is what is stored.
  for (const letter of ['H', 'D', 'W']) {
    await db.query(
      `insert into access_codes (project_id, batch_id, product_id, plan_id, code, usage_type, max_redemptions)
       select $1, $2, $3, $4, $5 || lpad(i::text, 12, '0'), 'single', 1 from generate_series(1, $6) i`,
      [ids.project, ids.batch, ids.product, ids.plan, letter, total],
    );
  }
  await db.query('commit');
  await db.query('analyze');
  return { ...ids, token: `admit_${prefix}_${secret}` };
}

const codeOf = (letter, n) => `${letter}${String(n).padStart(12, '0')}`;

async function startBackend(port) {
  const child = spawn(process.execPath, [`${DIST}/main.js`], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ADMIT_SECRET: randomBytes(24).toString('hex'),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: DB_URL,
      DATABASE_POOL_MAX: String(CONCURRENCY),
      REDIS_URL,
      QUEUE_PREFIX: DB_NAME,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      ADMIT_ROLE: 'api', // an API replica; workers scale separately and this run enqueues nothing
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code !== null && code !== 0 && !child.stopping) fail(new Error(`backend exited with ${code}`));
  });
  for (let i = 0; i < 900; i++) {
    try {
      const res = await globalThis.fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('backend did not become ready in 90 s');
}

/** Closed loop over HTTP: `count` distinct codes, CONCURRENCY connections; or paced at `rate`/s. */
async function overHttp(port, token, letter, from, count, rate) {
  let next = from;
  // Timed here: autocannon's own `duration` is too coarse for runs of a few seconds. With `amount`
  // it notices the end only on its next sample tick (every `sampleInt` ms, 1 s by default), so the
  // ticks are made short, and the run ends at the last response, not at the tick after it.
  const started = performance.now();
  let lastResponse = started;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONCURRENCY,
    pipelining: 1,
    amount: count,
    ...(rate ? { overallRate: rate } : {}),
    timeout: 30,
    sampleInt: 10,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: '/api/v1/redemptions',
        setupRequest: (request) => {
          const n = next++;
          return {
            ...request,
            body: JSON.stringify({ code: codeOf(letter, n), learner: { externalId: `http-${n}` } }),
          };
        },
      },
    ],
  });
  instance.on('response', () => {
    lastResponse = performance.now();
  });
  const result = await instance;
  if (result.errors || result.non2xx || result['2xx'] !== count) {
    throw new Error(
      `HTTP: ${result['2xx']} × 2xx, ${result.non2xx} non-2xx, ${result.errors} errors of ${count}`,
    );
  }
  const seconds = (lastResponse - started) / 1000;
  return {
    rps: count / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/**
 * What one redemption costs in the database alone: the statement the service runs for a
 * redemption without an Idempotency-Key in a project without webhooks — the repository's claim
 * (conditional UPDATE + INSERT of the redemption and its audit row, one statement, prepared under
 * the same name, no BEGIN/COMMIT around it) — on a pool of CONCURRENCY connections with as many
 * workers.
 */
async function direct(pool, ids, letter, from, count) {
  const repo = new RedemptionsRepository();
  const run = preparedOn(pool);
  const latencies = new Float64Array(count);
  let next = 0;
  const started = performance.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const n = from + i;
      const t0 = performance.now();
      const row = await repo.claim(
        run,
        {
          id: randomUUID(),
          projectId: ids.project,
          code: codeOf(letter, n),
          learnerExternalId: `direct-${n}`,
          learnerEmail: null,
          learnerName: null,
          channel: 'api',
          apiKeyId: ids.key,
          apiKeyName: 'bench',
          actorUserId: null,
          ip: '127.0.0.1',
          userAgent: 'bench',
          actorType: 'api_key',
          actorId: ids.key,
          actorName: 'bench',
        },
        false,
      );
      if (!row.id) throw new Error(`direct: ${codeOf(letter, n)} was not claimed`);
      latencies[i] = performance.now() - t0;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort();
  const at = (q) => latencies[Math.min(count - 1, Math.floor(q * count))];
  return { rps: count / seconds, p50: at(0.5), p99: at(0.99) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, digits = 1) => x.toFixed(digits);

const perLetter = PER_ROUND * ROUNDS + WARMUP + TARGET_RPS * TARGET_SECONDS;
console.log(
  `Redemption benchmark: ${ROUNDS} rounds × ${PER_ROUND} codes per side, concurrency ${CONCURRENCY}, ` +
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
await recreateDatabase();
const db = new pg.Client({ connectionString: DB_URL });
await db.connect();
const ids = await seed(db, perLetter);
const port = await freePort();
server = await startBackend(port);
const pool = new pg.Pool({ connectionString: DB_URL, max: CONCURRENCY });

// Warm-up: JIT, connection pools, plan caches.
await overHttp(port, ids.token, 'W', 1, WARMUP / 2);
await direct(pool, ids, 'W', WARMUP / 2 + 1, WARMUP / 2);

const rows = [];
let httpNext = 1;
let directNext = 1;
for (let round = 1; round <= ROUNDS; round++) {
  // Alternate which side goes first, so drift in the machine's load does not favour one side.
  const sides = round % 2 ? ['http', 'direct'] : ['direct', 'http'];
  const result = {};
  for (const side of sides) {
    if (side === 'http') {
      result.http = await overHttp(port, ids.token, 'H', httpNext, PER_ROUND);
      httpNext += PER_ROUND;
    } else {
      result.direct = await direct(pool, ids, 'D', directNext, PER_ROUND);
      directNext += PER_ROUND;
    }
  }
  rows.push(result);
  console.log(
    `round ${round}: HTTP ${fmt(result.http.rps, 0)} req/s p50 ${fmt(result.http.p50)} ms p99 ${fmt(result.http.p99)} ms | ` +
      `direct ${fmt(result.direct.rps, 0)} tx/s p50 ${fmt(result.direct.p50)} ms p99 ${fmt(result.direct.p99)} ms | ` +
      `ratio ${fmt((100 * result.http.rps) / result.direct.rps, 0)} %, p99 ×${fmt(result.http.p99 / result.direct.p99, 2)}`,
  );
}

const paced = await overHttp(port, ids.token, 'H', httpNext, TARGET_RPS * TARGET_SECONDS, TARGET_RPS);
console.log(
  `paced: HTTP offered ${TARGET_RPS} req/s for ${TARGET_SECONDS} s: ${fmt(paced.rps, 0)} req/s, p50 ${fmt(paced.p50)} ms, p99 ${fmt(paced.p99)} ms`,
);

// Every code once, none twice: the counters and the rows agree with what was sent.
const [check] = (
  await db.query(
    `select count(*)::int as redemptions,
            (select count(*)::int from access_codes where redemption_count > 1) as over,
            (select coalesce(sum(redemption_count), 0)::int from access_codes) as counted
       from redemptions`,
  )
).rows;
const expected = WARMUP + PER_ROUND * ROUNDS * 2 + TARGET_RPS * TARGET_SECONDS;
if (check.redemptions !== expected || check.counted !== expected || check.over !== 0) {
  throw new Error(`consistency: ${JSON.stringify(check)}, expected ${expected}`);
}

const http = {
  rps: median(rows.map((r) => r.http.rps)),
  p50: median(rows.map((r) => r.http.p50)),
  p99: median(rows.map((r) => r.http.p99)),
};
const dir = {
  rps: median(rows.map((r) => r.direct.rps)),
  p50: median(rows.map((r) => r.direct.p50)),
  p99: median(rows.map((r) => r.direct.p99)),
};
const ratio = http.rps / dir.rps;
const p99x = http.p99 / dir.p99;
console.log('\nmedian over rounds          rate        p50        p99');
console.log(
  `HTTP (whole backend)   ${fmt(http.rps, 0).padStart(7)} /s ${fmt(http.p50).padStart(7)} ms ${fmt(http.p99).padStart(7)} ms`,
);
console.log(
  `direct (pg, same SQL)  ${fmt(dir.rps, 0).padStart(7)} /s ${fmt(dir.p50).padStart(7)} ms ${fmt(dir.p99).padStart(7)} ms`,
);
console.log(
  `HTTP / direct: ${fmt(100 * ratio, 0)} % of the rate (goal ≥ 60 %), p99 ×${fmt(p99x, 2)} (goal ≤ 3×); ` +
    `${expected} redemptions checked, none twice`,
);
if (JSON_FILE) {
  const figure = (r) => ({ group: 'redemptions', target: null, pass: null, ...r });
  const limitName = 'the same claim statement driven directly with pg';
  writeFileSync(
    JSON_FILE,
    `${JSON.stringify(
      [
        figure({
          name: 'HTTP redemption rate (median over rounds)',
          value: http.rps,
          unit: '/s',
          limitName,
          limitValue: dir.rps,
          ratio,
          target: '≥ 0.6×',
          pass: ratio >= 0.6,
        }),
        figure({
          name: 'HTTP redemption p99 (median over rounds)',
          value: http.p99,
          unit: 'ms',
          limitName: `${limitName}, p99`,
          limitValue: dir.p99,
          ratio: p99x,
          target: '≤ 3×',
          pass: p99x <= 3,
        }),
        figure({
          name: `HTTP redemptions offered ${TARGET_RPS}/s for ${TARGET_SECONDS} s`,
          value: paced.rps,
          unit: '/s',
          limitName: 'offered rate',
          limitValue: TARGET_RPS,
          ratio: paced.rps / TARGET_RPS,
        }),
      ],
      null,
      2,
    )}\n`,
  );
}

server.stopping = true;
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await pool.end();
await db.end();
clearTimeout(deadline);
