import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bearer, createAccount, createProject } from '../factories/accounts.js';
import { createCatalog } from '../factories/catalog.js';
import { bootTestApp, type TestApp } from './test-app.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

/** Fails early, with what to do, when the built app the worker processes run is missing. */
export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error('Build the backend first (npx tsc -p backend/tsconfig.build.json)');
}

/**
 * A worker as production runs it: its own process, `ADMIT_ROLE=worker`, from the built app, on
 * the test app's database, Redis and queue prefix.
 */
export function startWorker(t: TestApp, env: Record<string, string>): ChildProcess {
  return startAppProcess(t, { ...env, ADMIT_ROLE: 'worker', LOG_LEVEL: 'warn' });
}

/** The built app in its own process (`ADMIT_ROLE` from `env`) on the test app's database, Redis and queue prefix. */
export function startAppProcess(t: TestApp, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...env,
      DATABASE_URL: t.config.db.url,
      REDIS_URL: t.config.redis.url,
      QUEUE_PREFIX: t.config.queue.prefix,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * The API in this process (role `api`, so no worker of its own) with worker processes started by
 * the test, all killed at the end; and a project allowed batches of `maxBatchSize`.
 */
export function withWorkerProcesses(env: Record<string, string>) {
  const ctx = { t: undefined as unknown as TestApp, workers: [] as ChildProcess[] };
  beforeAll(async () => {
    assertBuilt();
    ctx.t = await bootTestApp({ ADMIT_ROLE: 'api', ...env });
  });
  afterAll(async () => {
    for (const w of ctx.workers) w.kill('SIGKILL');
    await ctx.t.close();
  });
  return {
    get t() {
      return ctx.t;
    },
    workers: ctx.workers,
    start: (extra: Record<string, string> = {}) => {
      const worker = startWorker(ctx.t, { ...env, ...extra });
      ctx.workers.push(worker);
      return worker;
    },
    async bulkProject(maxBatchSize: number) {
      const { t } = ctx;
      const owner = await createAccount(t.orm, t.http);
      const project = await createProject(t.http, owner.token);
      const catalog = await createCatalog(t.http, owner.token, project.id);
      await t.http
        .patch(`/api/v1/projects/${project.id}`)
        .set(...bearer(owner.token))
        .send({ settings: { maxBatchSize } })
        .expect(200);
      return { owner, project, catalog };
    },
  };
}
