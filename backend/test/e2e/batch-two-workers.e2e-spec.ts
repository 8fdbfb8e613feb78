import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/common/queue/queue-names.js';
import { withWorkerProcesses } from '../utils/worker-process.js';
import { bearer } from '../factories/accounts.js';
import { waitForBatch } from '../factories/catalog.js';

const COUNT = 60_000;
const CHUNK = 2000;

describe('one bulk batch split across two worker processes (e2e)', () => {
  const env = withWorkerProcesses({ BATCH_CHUNK_SIZE: String(CHUNK) });

  it('has both workers take chunks and ends with the exact count, contiguous numbers and one completion', async () => {
    const { t, workers } = env;
    const { owner, project, catalog } = await env.bulkProject(COUNT);
    const createBatch = (count: number) =>
      t.http
        .post(`/api/v1/projects/${project.id}/batches`)
        .set(...bearer(owner.token))
        .send({
          productId: catalog.productId,
          planId: catalog.planId,
          count,
          usageType: 'single',
          customName: 'MATHS',
          notify: true,
        });
    // A standard batch first: the bulk one must continue its numbering (MATHS6 …).
    await createBatch(5).expect(201);

    env.start();
    env.start();
    const queue = t.app.get<Queue>(getQueueToken(QueueName.batches));
    // Generous: on a loaded machine a worker process has taken over a minute to boot.
    const deadline = Date.now() + 180_000;
    while ((await queue.getWorkersCount()) < 2) {
      if (Date.now() > deadline) throw new Error('the two workers did not connect');
      await new Promise((r) => setTimeout(r, 100));
    }

    const created = await createBatch(COUNT).expect(202);
    const batchId = created.body.batch.id;
    const done = await waitForBatch(t.http, owner.token, project.id, batchId, 120_000);
    expect(done).toMatchObject({ status: 'completed', generatedCount: COUNT, requestedCount: COUNT });

    const sql = t.orm.em.getConnection();
    const [codes] = await sql.execute(
      `select count(*)::int as n, count(distinct code)::int as distinct_codes,
              count(distinct sequence_no)::int as distinct_numbers,
              min(sequence_no)::int as first, max(sequence_no)::int as last,
              count(*) filter (where code <> 'MATHS' || sequence_no)::int as misnamed
         from access_codes where batch_id = ?`,
      [batchId],
    );
    expect(codes).toEqual({
      n: COUNT,
      distinct_codes: COUNT,
      distinct_numbers: COUNT,
      first: 6,
      last: COUNT + 5,
      misnamed: 0,
    });

    const chunks = await sql.execute<{ worker: string; chunks: number; codes: number }[]>(
      `select worker, count(*)::int as chunks, sum(code_count)::int as codes
         from batch_chunks where batch_id = ? group by worker order by worker`,
      [batchId],
    );
    // Both processes wrote chunks of this one batch, and together exactly all of them.
    expect(chunks.map((c) => c.worker.split('/')[1]).sort()).toEqual(
      workers.map((w) => String(w.pid)).sort(),
    );
    expect(chunks.reduce((sum, c) => sum + c.chunks, 0)).toBe(COUNT / CHUNK);
    expect(chunks.reduce((sum, c) => sum + c.codes, 0)).toBe(COUNT);

    // The completion step ran once: one email job and one notification for the batch.
    const [{ mails }] = await sql.execute(
      `select count(*)::int as mails from outbox_messages where name = 'batch-codes' and payload->>'batchId' = ?`,
      [batchId],
    );
    expect(mails).toBe(1);
    const notes = await t.http
      .get('/api/v1/notifications')
      .set(...bearer(owner.token))
      .expect(200);
    expect(
      notes.body.items.filter(
        (n: { type: string; link: string }) => n.type === 'batch.completed' && n.link.endsWith(batchId),
      ),
    ).toHaveLength(1);
  }, 400_000);
});
