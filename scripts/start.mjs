#!/usr/bin/env node
// `npm start`: from a fresh clone to the console on http://localhost:$PORT/ in one command.
// Installs what is missing, makes sure PostgreSQL and Redis answer, catches mail locally unless
// SMTP_URL is set, builds, migrates, seeds the first owner, then runs the app in the foreground.
// Ctrl-C stops the app and every service this script started.
//
// Env: DATABASE_URL, REDIS_URL, SMTP_URL (use these instead of local/private servers),
// PORT (3000), HOST (127.0.0.1), ADMIT_ROLE (all), ADMIN_EMAIL / ADMIN_PASSWORD,
// MAIL_CATCHER_SMTP_PORT (1025) / MAIL_CATCHER_HTTP_PORT (1080),
// ADMIT_SKIP_LOCAL_SERVICES=1 (ignore the servers on 5432/6379).
import { bootstrap } from './lib/bootstrap.mjs';

await bootstrap(import.meta.url); // below this line: Node 24, dependencies installed

const fs = await import('node:fs');
const path = await import('node:path');
const { setTimeout: sleep } = await import('node:timers/promises');
const { ROOT, log, run, spawnGroup, installSignalHandlers, isShuttingDown, shutdown } =
  await import('./lib/processes.mjs');
const services = await import('./lib/services.mjs');

const MIN = 60_000;
const port = Number(process.env.PORT || 3000);
const CLI = path.join(ROOT, 'backend', 'dist', 'cli.js');
const MAIN = path.join(ROOT, 'backend', 'dist', 'main.js');

class StepFailed extends Error {}

async function step(label, cmd, args, env, timeoutMs) {
  log(`── ${label}`);
  const res = await run(cmd, args, { cwd: ROOT, env, timeoutMs, label });
  if (res.code !== 0) {
    throw new StepFailed(
      `${label} failed (${res.timedOut ? 'timed out' : `exit ${res.code ?? res.signal}`})`,
    );
  }
}

async function waitForHttp(url, child, seconds) {
  let exited = false;
  child.done.then(() => (exited = true));
  for (let i = 0; i < seconds * 2 && !exited; i++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return true; // any HTTP answer means it is listening
    } catch {
      await sleep(500);
    }
  }
  return false;
}

async function main() {
  // Services: whatever the environment names, else local ones, else private ones.
  const pg = await services.ensurePostgres();
  const databaseUrl =
    pg.source === 'DATABASE_URL'
      ? await services.createDatabase(pg.url, new URL(pg.url).pathname.slice(1) || 'admit')
      : await services.createDatabase(pg.url, 'admit');
  const redis = await services.ensureRedis();
  let smtpUrl = process.env.SMTP_URL;
  let inboxUrl = null;
  if (!smtpUrl) {
    ({ smtpUrl, inboxUrl } = await services.ensureMailCatcher({
      smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT || 1025),
      httpPort: Number(process.env.MAIL_CATCHER_HTTP_PORT || 1080),
    }));
  }

  const adminEmail = process.env.ADMIN_EMAIL || 'admin@admit.local';
  const adminPassword = process.env.ADMIN_PASSWORD || 'admit-console-dev';
  const env = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false', // the full-screen Nx UI would fight with the app's log below
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    SMTP_URL: smtpUrl,
    PORT: String(port),
    HOST: process.env.HOST || '127.0.0.1', // loopback unless asked otherwise
    ADMIT_ROLE: process.env.ADMIT_ROLE || 'all',
    PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${port}`,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
  };

  await step('build: npx nx run-many -t build', 'npx', ['nx', 'run-many', '-t', 'build'], env, 20 * MIN);
  for (const file of [CLI, MAIN]) {
    if (!fs.existsSync(file)) {
      throw new StepFailed(
        `${path.relative(ROOT, file)} does not exist after the build.\n` +
          '         The backend must build backend/src/cli.ts (commands: migrate, seed) and backend/src/main.ts.',
      );
    }
  }
  await step('migrate: node backend/dist/cli.js migrate', process.execPath, [CLI, 'migrate'], env, 5 * MIN);
  await step('seed: node backend/dist/cli.js seed', process.execPath, [CLI, 'seed'], env, 5 * MIN);

  log(`── app: node backend/dist/main.js (ADMIT_ROLE=${env.ADMIT_ROLE})`);
  const app = spawnGroup(process.execPath, [MAIN], { cwd: ROOT, env });
  const banner = [
    '',
    `  Console   http://localhost:${port}/`,
    `  API       http://localhost:${port}/api/v1`,
    `  Sign in   ${adminEmail} / ${adminPassword}${process.env.ADMIN_PASSWORD ? ' (from ADMIN_PASSWORD)' : ''}`,
    `  Mail      ${inboxUrl ? `${inboxUrl} (local catcher, SMTP ${smtpUrl})` : `sent to SMTP_URL`}`,
    '  Ctrl-C stops the app and what this script started.',
    '',
  ].join('\n');
  if (await waitForHttp(`http://127.0.0.1:${port}/health/live`, app, 90)) console.log(banner);
  const { code, signal, error } = await app.done;
  if (error) throw new StepFailed(`cannot start the app: ${error.message}`);
  return code ?? (signal ? 1 : 0);
}

installSignalHandlers();
let exitCode;
try {
  exitCode = await main();
  if (!isShuttingDown()) log(`the app exited with code ${exitCode}`);
} catch (err) {
  if (!isShuttingDown())
    console.error(`\n[admit] npm start failed: ${err instanceof StepFailed ? err.message : err.stack}`);
  exitCode = 1;
}
await shutdown();
process.exit(exitCode);
