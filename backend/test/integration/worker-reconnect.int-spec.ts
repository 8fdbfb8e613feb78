import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Job } from 'bullmq';
import { createRedis } from '../../src/common/queue/redis.module.js';
import { ObservedQueue, ResilientWorker } from '../../src/common/queue/resilient-queues.js';
import { freePort } from '../utils/private-services.js';
import { testConfig } from '../utils/test-app.js';
import { until } from '../utils/until.js';

/**
 * A connection that drops can lose the reply to a command Redis has already run: when that
 * command handed the worker its next job, the job sits in `active` under the worker's lock and
 * nobody processes it until the lock expires and BullMQ's stalled check notices (30–90 s with
 * the defaults). The worker puts such jobs back itself after reconnecting. Here the lost reply is
 * played by taking a job with the worker's token behind its back, the connection drop by killing
 * the worker's connection on the server (real Redis). Locks and stalled checks are set to 10
 * minutes, so only the reclaim can bring the job back.
 */
describe('ResilientWorker after a reconnect (integration)', () => {
  const LONG = 600_000;
  let shared: Redis;
  let admin: Redis;
  let queue: ObservedQueue;
  let worker: ResilientWorker;
  let processed: string[];
  let stalled: string[];
  let release: () => void;
  /** Runs of the `outage` job that met a PostgreSQL that is not there, before it is "back". */
  let outageRuns: number;
  let unreachable: string;
  const gate = () => new Promise<void>((resolve) => (release = resolve));

  beforeEach(async () => {
    const config = testConfig();
    const prefix = `${config.queue.prefix}-reconnect-${randomUUID()}`;
    shared = createRedis(config.redis.url);
    admin = new Redis(config.redis.url);
    queue = new ObservedQueue('reconnect', { connection: shared, prefix });
    processed = [];
    stalled = [];
    let held: Promise<void> | undefined;
    outageRuns = 0;
    unreachable = `postgres://postgres@127.0.0.1:${await freePort()}/nothing`;
    worker = new ResilientWorker(
      'reconnect',
      async (job: Job) => {
        if (job.id === 'held') await (held ??= gate());
        if (job.id === 'outage' && outageRuns < 3) {
          outageRuns++;
          const client = new pg.Client({ connectionString: unreachable });
          await client.connect(); // the driver's real ECONNREFUSED
        }
        processed.push(job.id!);
      },
      { connection: shared, prefix, autorun: false, lockDuration: LONG, stalledInterval: LONG },
    );
    worker.on('stalled', (id: string) => stalled.push(id));
  });

  afterEach(async () => {
    release?.();
    await worker.close(true);
    await queue.close();
    await shared.quit();
    await admin.quit();
  });

  /** What Redis sees when its reply to the worker's fetch is lost: the job is active, locked by the worker. */
  async function loseReplyFor(jobId: string, token = `${worker.id}:lost-reply`): Promise<void> {
    await queue.add('job', {}, { jobId });
    const [jobData, id] = await worker.getBackend().moveToActive(token);
    expect({ received: Boolean(jobData), id }).toEqual({ received: true, id: jobId });
  }

  async function dropWorkerConnection(): Promise<void> {
    const client = (await worker.getBackend().client) as unknown as Redis;
    const id = await client.client('ID');
    await admin.client('KILL', 'ID', String(id));
  }

  it('puts a job handed over in a lost reply back to wait once the connection is back, and runs it once', async () => {
    await loseReplyFor('lost');
    void worker.run();
    await queue.add('job', {}, { jobId: 'fresh' });
    await until('the worker to run a fresh job', () => processed.includes('fresh'));
    // The orphan stays where it is while the connection holds: the worker does not know it.
    expect(await queue.getJobState('lost')).toBe('active');

    await dropWorkerConnection();
    await until('the orphaned job to run', () => processed.includes('lost'));
    await until(
      'the orphaned job to complete',
      async () => (await queue.getJobState('lost')) === 'completed',
    );
    expect(processed.filter((id) => id === 'lost')).toHaveLength(1);
    expect(stalled).toEqual([]); // brought back by the reclaim, not by BullMQ's stalled check
  });

  it('leaves alone the job it is running through the drop, and jobs locked by another worker', async () => {
    await loseReplyFor('foreign', 'another-worker:1');
    void worker.run();
    await queue.add('job', {}, { jobId: 'held' });
    await until(
      'the worker to start the held job',
      async () => (await queue.getJobState('held')) === 'active',
    );

    await dropWorkerConnection();
    await until(
      'the connection to be back',
      async () => (await worker.getBackend().client).status === 'ready',
    );
    expect(await worker.reclaimOrphans()).toEqual([]);

    release();
    await until('the held job to complete', async () => (await queue.getJobState('held')) === 'completed');
    expect(processed).toEqual(['held']);
    expect(await queue.getJobState('foreign')).toBe('active');
  });

  it('runs a job again after a dependency outage without spending its attempts or growing its backoff', async () => {
    void worker.run();
    await queue.add('job', {}, { jobId: 'outage', attempts: 2, backoff: { type: 'fixed', delay: LONG } });
    await until('the job to complete', async () => (await queue.getJobState('outage')) === 'completed');
    const job = await queue.getJob('outage');
    expect({ outageRuns, processed, attemptsMade: job?.attemptsMade }).toEqual({
      outageRuns: 3,
      processed: ['outage'],
      attemptsMade: 1, // the run that succeeded; the three outage runs spent none
    });
  });
});
