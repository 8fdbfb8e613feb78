// PostgreSQL, Redis, Chromium and the mail catcher for start.mjs and test.mjs.
//
// Order for the two servers: the URL from the environment if set; else the machine's own
// server on the standard port if it answers; else a private one from the installed binaries
// (reused if an earlier run left it up); else, as root, install it from Debian first.
// ADMIT_SKIP_LOCAL_SERVICES=1 skips the standard ports, to exercise the private path on a
// machine whose own servers are up. Private servers: 127.0.0.1:54329 and :63790
// (ADMIT_PG_PORT / ADMIT_REDIS_PORT), state under <repo>/.admit/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Redis } from 'ioredis';
import { ROOT, log, onShutdown, spawnGroup, stopGroup } from './processes.mjs';

const STATE_DIR = path.join(ROOT, '.admit');
const isRoot = process.getuid?.() === 0;
const skipLocal = process.env.ADMIT_SKIP_LOCAL_SERVICES === '1';

// ---------------------------------------------------------------- helpers

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

let aptUpdated = false;
/** Debian packages, as root only; `apt-get update` at most once per run. */
function aptInstall(packages, why) {
  if (!isRoot || !which('apt-get')) {
    throw new Error(`${why}: not found, and cannot install ${packages.join(' ')} (needs root and apt-get)`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => {
    log(`apt-get ${args.join(' ')}`);
    const res = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (res.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${res.status})`);
  };
  if (!aptUpdated) apt(['update']);
  aptUpdated = true;
  apt(['install', '-y', ...packages]);
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** `url` with its path replaced by `/name` (query kept). */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// ---------------------------------------------------------------- PostgreSQL

async function pgQuery(url, sql, params) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {}); // a dying server must not crash the script
  try {
    await client.connect();
    return await client.query(sql, params);
  } finally {
    await client.end().catch(() => {});
  }
}

async function pgAnswers(url) {
  try {
    await pgQuery(url, 'select 1');
    return true;
  } catch {
    return false;
  }
}

/** Admin connection URL: the `postgres` database of that server, or the URL's own one. */
async function adminUrlFor(url) {
  const candidates = [withDatabase(url, 'postgres'), url];
  let lastError;
  for (const candidate of candidates) {
    try {
      await pgQuery(candidate, 'select 1');
      return candidate;
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`PostgreSQL at ${redact(url)} does not answer: ${lastError.message}`);
}

async function waitFor(what, probe, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await probe()) return;
    await sleep(250);
  }
  throw new Error(`${what} did not become ready within ${seconds}s`);
}

function findPgBinDir() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length) return path.join(base, versions[0], 'bin');
  const initdb = which('initdb'); // non-Debian layouts
  return initdb && which('pg_ctl') ? path.dirname(fs.realpathSync(initdb)) : null;
}

/**
 * initdb and postgres refuse to run as root. As root, run them as the `postgres` user: set as
 * uid/gid of the child rather than through `su`, so the server stays our direct child (we reap
 * it and signal it ourselves; pg_ctl would hand it to PID 1, which does not reap everywhere).
 */
function pgOwner() {
  if (!isRoot) return {};
  const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!uid || !gid) throw new Error('running as root but there is no `postgres` user to run PostgreSQL as');
  return { uid, gid };
}

function runAsPgOwner(argv, cwd) {
  const res = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', ...pgOwner() });
  return {
    ok: res.status === 0,
    output: `${res.stdout ?? ''}${res.stderr ?? ''}${res.error?.message ?? ''}`,
  };
}

/** Where the private cluster lives: <repo>/.admit/pg/<major>, unless the postgres user cannot reach it. */
function privatePgDir(major) {
  let dir = path.join(STATE_DIR, 'pg', major);
  fs.mkdirSync(dir, { recursive: true });
  if (isRoot) {
    const { uid, gid } = pgOwner();
    fs.chownSync(dir, uid, gid);
    if (!runAsPgOwner(['test', '-w', dir], '/').ok) {
      // The repo sits somewhere the postgres user cannot traverse (e.g. under /root).
      const hash = createHash('sha1').update(ROOT).digest('hex').slice(0, 8);
      dir = path.join(os.tmpdir(), `admit-pg-${hash}`, major);
      fs.mkdirSync(dir, { recursive: true });
      fs.chownSync(path.dirname(dir), uid, gid);
      fs.chownSync(dir, uid, gid);
    }
  }
  return dir;
}

async function startPrivatePostgres({ fast }) {
  const port = Number(process.env.ADMIT_PG_PORT || 54329);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  if (await pgAnswers(url)) {
    log(`PostgreSQL: reusing the private server on 127.0.0.1:${port} (started by another run)`);
    return url;
  }
  let bin = findPgBinDir();
  if (!bin) {
    aptInstall(['postgresql'], 'PostgreSQL server binaries');
    bin = findPgBinDir();
    if (!bin) throw new Error('postgresql installed, but no initdb under /usr/lib/postgresql/*/bin');
  }
  const major = path.basename(path.dirname(bin)).replace(/\D/g, '') || 'pg';
  const dir = privatePgDir(major);
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  const logFile = path.join(dir, 'postgres.log');
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    log(`PostgreSQL: creating a private cluster in ${data}`);
    // --no-sync: a throw-away dev/test cluster does not need initdb's fsync of every file.
    const initdb = [`${bin}/initdb`, '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'];
    let res = runAsPgOwner([...initdb, '--locale=C.UTF-8'], dir);
    if (!res.ok) {
      fs.rmSync(data, { recursive: true, force: true });
      res = runAsPgOwner([...initdb, '--locale=C'], dir); // systems without a C.UTF-8 locale
    }
    if (!res.ok) throw new Error(`initdb failed:\n${res.output}`);
  }
  runAsPgOwner(['mkdir', '-p', sock], dir);

  // Test runs trade durability for speed; a dev cluster keeps its data safe.
  const tuning = fast
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const args = ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', sock, ...tuning];
  log(`PostgreSQL: starting a private server on 127.0.0.1:${port} (log: ${logFile})`);
  const logFd = fs.openSync(logFile, 'a');
  if (isRoot) fs.fchownSync(logFd, pgOwner().uid, pgOwner().gid);
  const server = spawnGroup(`${bin}/postgres`, args, {
    service: true,
    cwd: dir,
    stdio: ['ignore', logFd, logFd],
    ...pgOwner(),
  });
  fs.closeSync(logFd);
  onShutdown(async () => {
    log(`PostgreSQL: stopping the private server on port ${port}`);
    await stopGroup(server, 30_000, 'SIGINT'); // SIGINT = "fast" shutdown: no waiting for clients
  });
  let exited = false;
  server.done.then(() => (exited = true));
  await waitFor(
    'private PostgreSQL',
    async () => {
      if (exited) {
        const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-10).join('\n');
        throw new Error(`postgres exited at once:\n${tail}`);
      }
      return pgAnswers(url);
    },
    60,
  );
  return url;
}

/**
 * A reachable PostgreSQL server. Returns { url, source }: `url` is DATABASE_URL as given, or an
 * admin URL (database `postgres`) on a local server. `fast` relaxes durability when we start it.
 */
export async function ensurePostgres({ fast = false } = {}) {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    await waitFor(
      `PostgreSQL at ${redact(url)} (DATABASE_URL)`,
      () =>
        adminUrlFor(url).then(
          () => true,
          () => false,
        ),
      15,
    );
    log(`PostgreSQL: DATABASE_URL ${redact(url)}`);
    return { url, source: 'DATABASE_URL' };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!skipLocal && (await pgAnswers(local))) {
    log('PostgreSQL: the local server on 127.0.0.1:5432');
    return { url: local, source: 'local' };
  }
  return { url: await startPrivatePostgres({ fast }), source: 'private' };
}

/**
 * Creates database `name` on the server of `url` and returns its URL. With `fresh`, drops it
 * first, which is only allowed for names ending in `_test` so a real database is never wiped.
 */
export async function createDatabase(url, name, { fresh = false } = {}) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid database name "${name}"`);
  if (fresh && !name.endsWith('_test')) {
    throw new Error(`refusing to drop and recreate "${name}": test database names must end in _test`);
  }
  const admin = await adminUrlFor(url);
  // FORCE: a test run killed by its timeout can leave connections that would block the drop.
  if (fresh) await pgQuery(admin, `drop database if exists "${name}" with (force)`);
  const { rowCount } = await pgQuery(admin, 'select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) {
    try {
      await pgQuery(admin, `create database "${name}"`);
      log(`PostgreSQL: created database ${name}`);
    } catch (err) {
      // Another process created it between our check and our create: it exists, which is the goal.
      if (err.code !== '42P04' && err.code !== '23505') throw err;
    }
  }
  return withDatabase(url, name);
}

// ---------------------------------------------------------------- Redis

async function redisAnswers(url) {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {}); // reported through the rejected ping instead
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function startPrivateRedis() {
  const port = Number(process.env.ADMIT_REDIS_PORT || 63790);
  const url = `redis://127.0.0.1:${port}`;
  if (await redisAnswers(url)) {
    log(`Redis: reusing the private server on 127.0.0.1:${port} (started by another run)`);
    return url;
  }
  let bin =
    which('redis-server') ?? (fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
  if (!bin) {
    aptInstall(['redis-server'], 'redis-server');
    bin = '/usr/bin/redis-server';
  }
  const dir = path.join(STATE_DIR, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  log(`Redis: starting a private server on 127.0.0.1:${port} (log: ${dir}/redis.log)`);
  // No persistence: queues of a dev/test run are disposable, and nothing is written on exit.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawnGroup(bin, [...args, '--dir', dir, '--logfile', 'redis.log'], {
    service: true,
    stdio: 'ignore',
  });
  onShutdown(async () => {
    log(`Redis: stopping the private server on port ${port}`);
    await stopGroup(child, 5000);
  });
  let exited = false;
  child.done.then(() => (exited = true));
  await waitFor(
    'private Redis',
    async () => {
      if (exited) throw new Error(`redis-server exited at once; see ${dir}/redis.log`);
      return redisAnswers(url);
    },
    15,
  );
  return url;
}

/** A reachable Redis: REDIS_URL, else 127.0.0.1:6379, else a private one. Returns { url, source }. */
export async function ensureRedis() {
  if (process.env.REDIS_URL) {
    const url = process.env.REDIS_URL;
    await waitFor(`Redis at ${redact(url)} (REDIS_URL)`, () => redisAnswers(url), 15);
    log(`Redis: REDIS_URL ${redact(url)}`);
    return { url, source: 'REDIS_URL' };
  }
  const local = 'redis://127.0.0.1:6379';
  if (!skipLocal && (await redisAnswers(local))) {
    log('Redis: the local server on 127.0.0.1:6379');
    return { url: local, source: 'local' };
  }
  return { url: await startPrivateRedis(), source: 'private' };
}

/** Deletes the keys a test run's queues left under `prefix` (BullMQ keys are `<prefix>:<queue>:…`). */
export async function deleteRedisKeys(url, prefix) {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  client.on('error', () => {});
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (err) {
    log(`Redis: could not clean keys ${prefix}:* (${err.message})`);
  } finally {
    client.disconnect();
  }
}

// ---------------------------------------------------------------- Chromium

/** Debian's Chromium for Playwright (never `playwright install`: no network for it here). */
export function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (found) return found;
  aptInstall(['chromium'], 'Chromium (/usr/bin/chromium)');
  return '/usr/bin/chromium';
}

// ---------------------------------------------------------------- mail catcher

async function httpAnswers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The dev mail catcher (scripts/mail-catcher.mjs) on loopback; reused when one already answers
 * on these ports. Returns { smtpUrl, inboxUrl }.
 */
export async function ensureMailCatcher({ smtpPort = 1025, httpPort = 1080 } = {}) {
  const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
  const inboxUrl = `http://localhost:${httpPort}/`;
  const api = `http://127.0.0.1:${httpPort}/api/messages`;
  if (await httpAnswers(api)) {
    log(`mail: reusing the mail catcher already on ${inboxUrl}`);
    return { smtpUrl, inboxUrl };
  }
  const child = spawnGroup(process.execPath, [path.join(ROOT, 'scripts', 'mail-catcher.mjs')], {
    service: true,
    env: {
      ...process.env,
      MAIL_CATCHER_SMTP_PORT: String(smtpPort),
      MAIL_CATCHER_HTTP_PORT: String(httpPort),
    },
  });
  onShutdown(() => stopGroup(child, 3000));
  let exited = false;
  child.done.then(() => (exited = true));
  await waitFor(
    'mail catcher',
    async () => {
      if (exited) throw new Error('the mail catcher exited at once (ports in use?)');
      return httpAnswers(api);
    },
    10,
  );
  return { smtpUrl, inboxUrl };
}
