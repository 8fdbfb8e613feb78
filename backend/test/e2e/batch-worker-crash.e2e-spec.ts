import { withWorkerProcesses } from '../utils/worker-process.js';
import { bearer } from '../factories/accounts.js';
import { waitForBatch } from '../factories/catalog.js';

const COUNT = 100_000;

describe('a bulk batch whose worker is killed (e2e)', () => {
  // Small chunks and a short lock so the test sees many commits and a quick takeover.
  const env = withWorkerProcesses({ BATCH_CHUNK_SIZE: '2000', WORKER_LOCK_MS: '2000' });

  it('finishes after a restart with exactly the requested count and no duplicate', async () => {
    const { t } = env;
    const { owner, project, catalog } = await env.bulkProject(COUNT);
    const first = env.start();

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
    // What was committed is consistent: the count on the batch is the rows in the table, and the
    // chunks recorded as written (what a retried chunk checks) hold exactly those rows.
    expect(rowsAtKill).toBe(atKill.g);
    const [{ n: chunkedAtKill }] = await sql.execute(
      'select coalesce(sum(code_count), 0)::int as n from batch_chunks where batch_id = ?',
      [batchId],
    );
    expect(chunkedAtKill).toBe(atKill.g);

    env.start();
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
