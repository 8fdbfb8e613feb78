import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { bearer, createAccount, createProject } from '../factories/accounts.js';
import { createCatalog, waitForBatch } from '../factories/catalog.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
const COUNT = 100_000;

/** A worker as production runs it: its own process, `ADMIT_ROLE=worker`, from the built app. */
function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env, ADMIT_ROLE: 'worker', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

describe('a bulk batch whose worker is killed (e2e)', () => {
  let t: TestApp;
  const workers: ChildProcess[] = [];
  // Small chunks and a short lock so the test sees many commits and a quick takeover.
  const env = { BATCH_CHUNK_SIZE: '2000', WORKER_LOCK_MS: '2000' };

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error('Build the backend first (npx tsc -p backend/tsconfig.build.json)');
    t = await bootTestApp({ ADMIT_ROLE: 'api', ...env });
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await t.close();
  });

  it('finishes after a restart with exactly the requested count and no duplicate', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const catalog = await createCatalog(t.http, owner.token, project.id);
    await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .send({ settings: { maxBatchSize: COUNT } })
      .expect(200);

    const workerEnv = {
      ...env,
      DATABASE_URL: t.config.db.url,
      REDIS_URL: t.config.redis.url,
      QUEUE_PREFIX: t.config.queue.prefix,
    };
    const first = startWorker(workerEnv);
    workers.push(first);

    const created = await t.http
      .post(`/api/v1/projects/${project.id}/batches`)
      .set(...bearer(owner.token))
      .send({ productId: catalog.productId, planId: catalog.planId, count: COUNT, usageType: 'single' })
      .expect(202);
    const batchId = created.body.batch.id;
    const sql = t.orm.em.getConnection();
    const progress = async () =>
      (
        await sql.execute('select generated_count::int as g, status from batches where id = ?', [batchId])
      )[0] as { g: number; status: string };

    // Kill the worker once some chunks have committed and before the batch is done.
    const deadline = Date.now() + 60_000;
    let seen = await progress();
    while (seen.g < 4000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await progress();
    }
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await progress();
    expect(atKill.g).toBeGreaterThan(0);
    expect(atKill.g).toBeLessThan(COUNT);
    const [{ n: rowsAtKill }] = await sql.execute(
      'select count(*)::int as n from access_codes where batch_id = ?',
      [batchId],
    );
    // What was committed is consistent: the count on the batch is the rows in the table.
    expect(rowsAtKill).toBe(atKill.g);

    workers.push(startWorker(workerEnv));
    const done = await waitForBatch(t.http, owner.token, project.id, batchId, 120_000);
    expect(done).toMatchObject({ status: 'completed', generatedCount: COUNT, requestedCount: COUNT });
    const [{ n, d }] = await sql.execute(
      'select count(*)::int as n, count(distinct code)::int as d from access_codes where batch_id = ?',
      [batchId],
    );
    expect(n).toBe(COUNT);
    expect(d).toBe(COUNT);
  }, 180_000);
});
