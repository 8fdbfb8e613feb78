import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { QueueName } from '../../src/common/queue/queue-names.js';
import { createApiKey, createCodes } from '../factories/codes.js';
import { bearer } from '../factories/accounts.js';
import { waitForBatch } from '../factories/catalog.js';
import { freePort } from '../utils/private-services.js';
import { until } from '../utils/until.js';
import { startAppProcess, withWorkerProcesses } from '../utils/worker-process.js';

const COUNT = 60_000;
const CHUNK = 5000;
const CLIENTS = 6;

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

interface Instance {
  name: string;
  port: number;
  process: ChildProcess;
  agent: http.Agent;
}

/** The request never reached the app: the listener was closed, or the server closed the idle
 * keep-alive connection it was written on (the race every HTTP client retries, see Node's
 * `request.reusedSocket`). Anything else is a failure of a request the app had accepted. */
class NotAccepted extends Error {}

function send(
  to: Instance,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: to.port,
        method,
        path,
        agent: to.agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: kept as text, for the failure message
          }
          resolve({ status: res.statusCode!, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      const refused = err.code === 'ECONNREFUSED';
      const idleClosed = req.reusedSocket && (err.code === 'ECONNRESET' || err.message === 'socket hang up');
      reject(refused || idleClosed ? new NotAccepted(`${to.name}: ${err.message}`) : err);
    });
    req.end(payload);
  });
}

describe('a rolling restart of the API and the worker under load (e2e)', () => {
  const env = withWorkerProcesses({ BATCH_CHUNK_SIZE: String(CHUNK) });
  const apis: Instance[] = [];
  afterAll(() => {
    for (const api of apis) {
      api.agent.destroy();
      api.process.kill('SIGKILL');
    }
  });

  async function startApi(name: string): Promise<Instance> {
    const port = await freePort();
    const instance: Instance = {
      name,
      port,
      // Only the API answers in these processes; SHUTDOWN_DELAY_MS keeps A serving, not ready,
      // for a while after its SIGTERM (what a load balancer's health check sees).
      process: startAppProcess(env.t, {
        ADMIT_ROLE: 'api',
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: '3000',
      }),
      agent: new http.Agent({ keepAlive: true, maxSockets: CLIENTS }),
    };
    apis.push(instance);
    // Generous: on a loaded machine an app process has taken over a minute to boot.
    await until(
      `${name} ready`,
      () =>
        send(instance, 'GET', '/health/ready', {}).then(
          (r) => r.status === 200,
          () => false,
        ),
      180_000,
    );
    return instance;
  }

  it('answers every accepted request, loses no job and writes the batch exactly once', async () => {
    const { t } = env;
    const { owner, project, catalog } = await env.bulkProject(COUNT);
    const key = await createApiKey(t.http, owner.token, project.id);
    const single = await createCodes(t.orm, project.id, { count: 3000 });
    const multiple = await createCodes(t.orm, project.id, { usageType: 'multiple', productName: 'Geometry' });
    const auth = Object.fromEntries([bearer(key)]);

    const a = await startApi('A');
    const w1 = env.start();
    const queue = t.app.get<Queue>(getQueueToken(QueueName.batches));
    await until('W1 connected', async () => (await queue.getWorkersCount()) >= 1, 180_000);

    // The load: CLIENTS loops, each alternating a validation and a redemption of a code of its
    // own, sent round-robin to the instances in rotation. An instance leaves the rotation when it
    // does not accept a request any more; that request goes to the next one.
    const rotation: Instance[] = [a];
    const failures: string[] = [];
    const served = new Map<string, number>();
    let servedByStoppingA = 0;
    let aStopping = false;
    let stop = false;
    let nextCode = 0;
    let turn = 0;
    let redeemed = 0;
    let validated = 0;
    async function request(method: string, path: string, body: unknown) {
      for (;;) {
        if (!rotation.length) throw new Error('no instance in rotation');
        const to = rotation[turn++ % rotation.length]!;
        // Only a request sent once A was told to stop shows that A still serves while it drains.
        const sentWhileStopping = aStopping;
        try {
          const res = await send(to, method, path, auth, body);
          served.set(to.name, (served.get(to.name) ?? 0) + 1);
          if (to.name === 'A' && sentWhileStopping) servedByStoppingA++;
          return res;
        } catch (err) {
          if (!(err instanceof NotAccepted)) throw err;
          const i = rotation.indexOf(to);
          if (i >= 0 && rotation.length > 1) rotation.splice(i, 1);
        }
      }
    }
    async function client(n: number) {
      while (!stop) {
        try {
          const v = await request('POST', '/api/v1/redemptions/validate', { code: multiple.codes[0] });
          if (v.status !== 200 || (v.body as { valid?: boolean }).valid !== true)
            failures.push(`validate → ${v.status} ${JSON.stringify(v.body)}`);
          else validated++;
          const code = single.codes[nextCode++];
          if (code === undefined) break;
          const r = await request('POST', '/api/v1/redemptions', {
            code,
            learner: { externalId: `learner-${n}-${code}` },
          });
          if (r.status !== 201) failures.push(`redeem ${code} → ${r.status} ${JSON.stringify(r.body)}`);
          else redeemed++;
        } catch (err) {
          failures.push(`client ${n}: ${(err as Error).message}`);
        }
      }
    }
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));

    // The new API comes up and joins the rotation.
    const b = await startApi('B');
    rotation.push(b);

    const created = await t.http
      .post(`/api/v1/projects/${project.id}/batches`)
      .set(...bearer(owner.token))
      .send({ productId: catalog.productId, planId: catalog.planId, count: COUNT, usageType: 'single' })
      .expect(202);
    const batchId = created.body.batch.id as string;
    const sql = t.orm.em.getConnection();
    const written = async () =>
      (await sql.execute('select count(*)::int as n from batch_chunks where batch_id = ?', [batchId]))[0] as {
        n: number;
      };

    // W1 has written chunks and runs one: W2 starts, and W1 and A are told to stop.
    await until('W1 writing', async () => (await written()).n >= 1, 120_000);
    const inFlight = await until('a chunk running', async () => {
      const active = await queue.getActive();
      return active.length ? active : undefined;
    });
    const w2 = env.start();
    w1.kill('SIGTERM');
    aStopping = true;
    a.process.kill('SIGTERM');
    // While A drains it says so to health checks (and still serves: counted above).
    await until('A reports draining', () =>
      send({ ...a, agent: new http.Agent() }, 'GET', '/health/ready', {}).then(
        (r) => r.status === 503 && (r.body as { status: string }).status === 'draining',
        () => false,
      ),
    );
    const [aExit, w1Exit] = await Promise.all([exited(a.process), exited(w1)]);

    const done = await waitForBatch(t.http, owner.token, project.id, batchId, 180_000);
    stop = true;
    await load;

    expect(failures).toEqual([]);
    // A stopped by itself once drained (not killed), after serving requests it got after SIGTERM.
    expect(aExit).toEqual({ code: 0, signal: null });
    expect(servedByStoppingA).toBeGreaterThan(0);
    expect(served.get('B')).toBeGreaterThan(0);
    expect(validated).toBeGreaterThan(0);
    // Every redemption answered was written once; none written without an answer.
    const [{ n: redemptions }] = await sql.execute(
      `select count(*)::int as n from redemptions r join access_codes c on c.id = r.code_id where c.batch_id = ?`,
      [single.batchId],
    );
    expect(redemptions).toBe(redeemed);

    // W1 finished what it was running and exited by itself; W2 took the rest.
    expect(w1Exit).toEqual({ code: 0, signal: null });
    expect(w2.exitCode).toBeNull();
    expect(done).toMatchObject({ status: 'completed', generatedCount: COUNT, requestedCount: COUNT });
    const [codes] = await sql.execute(
      'select count(*)::int as n, count(distinct code)::int as d from access_codes where batch_id = ?',
      [batchId],
    );
    expect(codes).toEqual({ n: COUNT, d: COUNT });
    // No job lost or interrupted: every chunk job ran exactly once, none stalled (a worker gone
    // mid-job leaves it locked until another takes it over) and none failed.
    const jobs = (await queue.getJobs(['completed', 'failed', 'active', 'wait', 'delayed'])).filter(
      (job) => job.data.batchId === batchId,
    );
    expect(jobs.filter((job) => job.name === 'generate-chunk')).toHaveLength(COUNT / CHUNK);
    for (const job of jobs)
      expect({
        id: job.id,
        finished: !!job.finishedOn,
        failed: job.failedReason ?? null,
        started: job.attemptsStarted,
        stalled: job.stalledCounter,
      }).toEqual({
        id: job.id,
        finished: true,
        failed: null,
        started: 1,
        stalled: 0,
      });
    // The chunk running when W1 was told to stop was finished, once, and by W1; W2 wrote the rest
    // of the chunks it took (batch_chunks.worker is `<host>/<pid>`).
    const byWorker = new Map(
      (
        (await sql.execute('select chunk_no, worker from batch_chunks where batch_id = ?', [batchId])) as {
          chunk_no: number;
          worker: string;
        }[]
      ).map((c) => [c.chunk_no, c.worker.split('/')[1]]),
    );
    const running = inFlight.filter((j) => j.data.batchId === batchId && j.name === 'generate-chunk');
    expect(running.length).toBeGreaterThan(0);
    for (const job of running) {
      expect(jobs.find((j) => j.id === job.id)?.attemptsStarted).toBe(1);
      expect(byWorker.get(job.data.chunkNo)).toBe(String(w1.pid));
    }
    expect([...byWorker.values()]).toContain(String(w2.pid));
  }, 420_000);
});
