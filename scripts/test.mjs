#!/usr/bin/env node
// `npm test`: the whole suite on a fresh clone, against real PostgreSQL and Redis, in databases
// of its own. Every runner has a hard timeout and writes a JSON report; the last line printed is
// always `N passed, N failed[, N skipped]` summed over all runners, and the exit code is 1 if
// anything failed.
//
// Env: DATABASE_URL / REDIS_URL (servers to use; test databases are created on that server),
// TEST_DATABASE_NAME (admit_test), BROWSER_TEST_DATABASE_NAME (admit_browser_test),
// CHROMIUM_PATH, ADMIT_SKIP_LOCAL_SERVICES=1 (ignore the servers on 5432/6379).
import { bootstrap } from './lib/bootstrap.mjs';

await bootstrap(import.meta.url); // below this line: Node 24, dependencies installed

const fs = await import('node:fs');
const path = await import('node:path');
const { randomBytes } = await import('node:crypto');
const { ROOT, log, run, installSignalHandlers, isShuttingDown, shutdown } =
  await import('./lib/processes.mjs');
const services = await import('./lib/services.mjs');
const { countRunner, summaryLine, table } = await import('./lib/reports.mjs');

const MIN = 60_000;
const REPORTS = path.join(ROOT, '.admit', 'reports');
const rows = []; // { name, counts: { passed, failed, skipped, note }, seconds }
const result = (name, passed, failed, note = '', seconds) =>
  rows.push({ name, counts: { passed, failed, skipped: 0, note }, seconds });

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
const hasTestScript = (dir) => Boolean(readJson(path.join(ROOT, dir, 'package.json'))?.scripts?.test);
const queuePrefix = (base) => `${base}_${randomBytes(4).toString('hex')}`;

// Runners never see the developer's own database/Redis/SMTP settings: only the test ones below.
const baseEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL']) delete baseEnv[name];

async function runRunner({ name, kind, cmd, args, env = {}, timeoutMs, report, queue }) {
  if (isShuttingDown()) return; // Ctrl-C: the signal handler exits once cleanup is done
  log(`── ${name}: ${cmd} ${args.join(' ')}`);
  const res = await run(cmd, args, { cwd: ROOT, env: { ...baseEnv, ...env }, timeoutMs, label: name });
  if (queue) await services.deleteRedisKeys(queue.url, queue.prefix);
  rows.push({ name, counts: countRunner(kind, report, res), seconds: res.seconds });
}

async function main() {
  fs.rmSync(REPORTS, { recursive: true, force: true });
  fs.mkdirSync(REPORTS, { recursive: true });

  // Services first: without them most runners cannot mean anything.
  const pg = await services.ensurePostgres({ fast: true });
  const redis = await services.ensureRedis();
  let chromium = null;
  try {
    chromium = services.ensureChromium();
  } catch (err) {
    log(`Chromium: ${err.message}`);
  }
  const testDb = await services.createDatabase(pg.url, process.env.TEST_DATABASE_NAME || 'admit_test', {
    fresh: true,
  });
  const browserDb = await services.createDatabase(
    pg.url,
    process.env.BROWSER_TEST_DATABASE_NAME || 'admit_browser_test',
    {
      fresh: true,
    },
  );

  // One check for the static gates; its (long) output only matters when it fails.
  log('── build + typecheck + lint: npx nx run-many -t build typecheck lint (output shown on failure)');
  const checks = await run('npx', ['nx', 'run-many', '-t', 'build', 'typecheck', 'lint'], {
    cwd: ROOT,
    env: baseEnv,
    capture: true,
    timeoutMs: 20 * MIN,
    label: 'build + typecheck + lint',
  });
  if (checks.code === 0) result('build + typecheck + lint', 1, 0, '', checks.seconds);
  else {
    process.stdout.write(checks.output);
    result(
      'build + typecheck + lint',
      0,
      1,
      checks.timedOut ? 'timed out' : `exit ${checks.code}`,
      checks.seconds,
    );
  }

  // a. every lib with a test script (vitest)
  for (const dir of fs.readdirSync(path.join(ROOT, 'libs')).sort()) {
    if (!hasTestScript(`libs/${dir}`)) continue;
    const pkg = readJson(path.join(ROOT, 'libs', dir, 'package.json'));
    const report = path.join(REPORTS, `${dir}.json`);
    await runRunner({
      name: `libs/${dir}`,
      kind: 'vitest',
      cmd: 'npm',
      args: ['test', '-w', pkg.name, '--', '--reporter=default', '--reporter=json', `--outputFile=${report}`],
      timeoutMs: 10 * MIN,
      report,
    });
  }

  // b. backend: unit, integration and e2e with jest, on admit_test
  if (hasTestScript('backend')) {
    const report = path.join(REPORTS, 'backend.json');
    const prefix = queuePrefix('admit_test');
    await runRunner({
      name: 'backend',
      kind: 'jest',
      cmd: 'npm',
      args: ['test', '-w', '@admit/backend', '--', '--json', `--outputFile=${report}`],
      env: {
        DATABASE_URL: testDb,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        NODE_ENV: 'test',
        ...(chromium && { CHROMIUM_PATH: chromium }),
      },
      timeoutMs: 40 * MIN,
      report,
      queue: { url: redis.url, prefix },
    });
  }

  // c. console unit tests (vitest)
  if (hasTestScript('admin-ui')) {
    const report = path.join(REPORTS, 'admin-ui.json');
    await runRunner({
      name: 'admin-ui',
      kind: 'vitest',
      cmd: 'npm',
      args: [
        'test',
        '-w',
        '@admit/admin-ui',
        '--',
        '--reporter=default',
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      timeoutMs: 10 * MIN,
      report,
    });
  }

  // d. browser tests: Playwright driving Debian's Chromium against the real app on admit_browser_test
  const config = path.join('admin-ui', 'playwright.config.ts');
  if (!fs.existsSync(path.join(ROOT, config))) {
    result('browser', 0, 0, `not run: no ${config}`);
  } else if (!chromium) {
    result('browser', 0, 1, 'not run: no Chromium');
  } else {
    // Its own catcher, so the app under test can send mail and tests can read it over HTTP.
    const mail = await services.ensureMailCatcher({ smtpPort: 1026, httpPort: 1081 }).catch((err) => {
      result('browser', 0, 1, `not run: ${err.message}`);
      return null;
    });
    if (!mail) return;
    const report = path.join(REPORTS, 'browser.json');
    const prefix = queuePrefix('admit_browser');
    await runRunner({
      name: 'browser',
      kind: 'playwright',
      cmd: 'npx',
      args: ['playwright', 'test', '-c', config, '--reporter=list,json'],
      env: {
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        DATABASE_URL: browserDb,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        CHROMIUM_PATH: chromium,
        SMTP_URL: mail.smtpUrl,
        MAIL_CATCHER_URL: mail.inboxUrl.replace(/\/$/, ''),
      },
      timeoutMs: 15 * MIN,
      report,
      queue: { url: redis.url, prefix },
    });
  }
}

installSignalHandlers();
try {
  await main();
} catch (err) {
  // Setup failed (no database, no Redis): still end with the one summary line CI reads.
  if (isShuttingDown()) await new Promise(() => {}); // Ctrl-C: the signal handler exits
  console.error(`[admit] ${err.stack ?? err}`);
  result('setup', 0, 1, String(err.message).split('\n')[0]);
}
await shutdown(); // before the summary, so nothing is printed after its last line

const failed = rows.reduce((n, r) => n + r.counts.failed, 0);
console.log(`\n${table(rows)}\n(reports: ${path.relative(process.cwd(), REPORTS) || '.'})\n`);
console.log(summaryLine(rows));
process.exit(failed > 0 ? 1 : 0);
