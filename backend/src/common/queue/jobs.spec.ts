import { assertHandlers, JOB_NAMES, type JobHandlers, runJob } from './jobs.js';
import { QueueName } from './queue-names.js';

const job = (name: string, data: unknown) => ({ name, data, attemptsMade: 0, opts: {} });

describe('job catalogue', () => {
  it('refuses to start a processor that lacks a handler for a job of its queue', () => {
    const partial = { generate: async () => undefined } as unknown as JobHandlers<'batches'>;
    expect(() => assertHandlers(QueueName.batches, partial)).toThrow(
      'Queue batches: no handler for generate-chunk',
    );
  });

  it('refuses a handler for a job the catalogue does not name', () => {
    const extra = {
      'batch-codes': async () => undefined,
      'batch-codez': async () => undefined,
    } as unknown as JobHandlers<'mail'>;
    expect(() => assertHandlers(QueueName.mail, extra)).toThrow(
      'Queue mail: handlers for unknown jobs batch-codez',
    );
  });

  it('runs the handler of the job name with its payload, and refuses an unknown name', async () => {
    const seen: unknown[] = [];
    const handlers = assertHandlers(QueueName.webhooks, {
      'fan-out': async (payload) => seen.push(payload.eventId),
      deliver: async ({ deliveryId }) => seen.push(deliveryId),
    });
    await runJob(QueueName.webhooks, handlers, job('deliver', { deliveryId: 'd1' }));
    expect(seen).toEqual(['d1']);
    await expect(runJob(QueueName.webhooks, handlers, job('fan-in', {}))).rejects.toThrow(
      'No handler for webhooks job fan-in',
    );
  });

  it('names a job for every queue that has a processor', () => {
    expect(Object.keys(JOB_NAMES).sort()).toEqual(['batches', 'mail', 'webhooks']);
  });
});
