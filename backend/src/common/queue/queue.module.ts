import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { QueueName } from './queue-names.js';
import { ObservedQueue, ResilientWorker } from './resilient-queues.js';

// Every @Processor gets a worker that outlives a Redis outage, and every queue a quiet producer
// (set before any module is explored).
BullModule.workerClass = ResilientWorker;
BullModule.queueClass = ObservedQueue;

/** Retries per queue: a batch run resumes from its committed progress; mail is retried with backoff. */
const DEFAULT_JOB_OPTIONS: Partial<Record<QueueName, Record<string, unknown>>> = {
  [QueueName.batches]: { attempts: 3, backoff: { type: 'exponential', delay: 2000 } },
  [QueueName.mail]: { attempts: 5, backoff: { type: 'exponential', delay: 5000 } },
  // The fan-out of one event into its deliveries; deliveries carry their own attempts.
  [QueueName.webhooks]: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
};

const queues = BullModule.registerQueue(
  ...Object.values(QueueName).map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS[name] })),
);

/** Every queue, registered once, so any module can `@InjectQueue(QueueName.x)`. */
@Global()
@Module({ imports: [queues], exports: [queues] })
export class QueueModule {}

/** The outbox relay runs in worker processes (roles `worker` and `all`). */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxRelayModule {}
