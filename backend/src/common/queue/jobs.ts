import type { WebhookEvent } from '@admit/shared';
import { QueueName } from './queue-names.js';

/** The `fan-out` job: one event of one project, for every endpoint that listens to it. */
export interface FanOutPayload {
  [key: string]: unknown;
  /** The id receivers de-duplicate on; the same for every endpoint and every retry. */
  eventId: string;
  projectId: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
  occurredAt: string;
}

/** A "Resend email" asked for in the console: the mail log's id for it, and where it goes. */
export interface BatchMailResend {
  mailId: string;
  recipient: string;
}

/**
 * Every job of every queue: name → payload, in one place. The outbox's `enqueue` takes only these
 * names with their payloads, and each queue's processor maps every name to a handler (a typed
 * record: a name without a handler does not compile, and `assertHandlers` refuses to start).
 */
export interface JobCatalogue {
  [QueueName.batches]: {
    /** Plans a bulk run (one per batch, job id = batch id); adds the chunk jobs. */
    generate: { batchId: string };
    /** One chunk of a bulk run, taken by any worker. */
    'generate-chunk': { batchId: string; chunkNo: number };
  };
  [QueueName.mail]: {
    /** The codes of a batch by email (Send Notification), or once more (`resend`). */
    'batch-codes': { batchId: string; resend?: BatchMailResend };
  };
  [QueueName.webhooks]: {
    'fan-out': FanOutPayload;
    /** One delivery of one event to one endpoint (a webhook_deliveries row). */
    deliver: { deliveryId: string };
  };
}

export type JobQueue = keyof JobCatalogue;
export type JobNameOf<Q extends JobQueue> = keyof JobCatalogue[Q] & string;
export type JobPayload<Q extends JobQueue, N extends JobNameOf<Q>> = JobCatalogue[Q][N];

/** The job names as values (for switches and `addBulk`), checked against the catalogue. */
export const JobName = {
  generate: 'generate',
  generateChunk: 'generate-chunk',
  batchCodes: 'batch-codes',
  fanOut: 'fan-out',
  deliver: 'deliver',
} as const satisfies Record<string, { [Q in JobQueue]: JobNameOf<Q> }[JobQueue]>;

/** The names each queue's processor must handle. */
export const JOB_NAMES: { [Q in JobQueue]: readonly JobNameOf<Q>[] } = {
  [QueueName.batches]: [JobName.generate, JobName.generateChunk],
  [QueueName.mail]: [JobName.batchCodes],
  [QueueName.webhooks]: [JobName.fanOut, JobName.deliver],
};

/** A processor's handlers: one per job name of its queue (a missing one does not compile). */
export type JobHandlers<Q extends JobQueue> = {
  [N in JobNameOf<Q>]: (
    data: JobPayload<Q, N>,
    job: { attemptsMade: number; opts: { attempts?: number } },
  ) => Promise<unknown>;
};

/**
 * The startup check: every job name of the queue has a handler, and every handler a job name.
 * Processors call it in their constructor, so a worker with a gap does not start.
 */
export function assertHandlers<Q extends JobQueue>(queue: Q, handlers: JobHandlers<Q>): JobHandlers<Q> {
  const names = new Set<string>(JOB_NAMES[queue]);
  const handled = new Set(Object.keys(handlers));
  const missing = [...names].filter(
    (n) => !handled.has(n) || typeof (handlers as Record<string, unknown>)[n] !== 'function',
  );
  const unknown = [...handled].filter((n) => !names.has(n));
  if (missing.length || unknown.length)
    throw new Error(
      `Queue ${queue}: ${missing.length ? `no handler for ${missing.join(', ')}` : ''}${missing.length && unknown.length ? '; ' : ''}${unknown.length ? `handlers for unknown jobs ${unknown.join(', ')}` : ''}`,
    );
  return handlers;
}

/** Runs `job` with its queue's handler (the processors' one `process`). */
export async function runJob<Q extends JobQueue>(
  queue: Q,
  handlers: JobHandlers<Q>,
  job: { name: string; data: unknown; attemptsMade: number; opts: { attempts?: number } },
): Promise<unknown> {
  const handler = (
    handlers as unknown as Record<string, ((data: unknown, j: typeof job) => Promise<unknown>) | undefined>
  )[job.name];
  if (!handler) throw new Error(`No handler for ${queue} job ${job.name}`);
  return handler(job.data, job);
}
