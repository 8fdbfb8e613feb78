import { Injectable } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../config/app-config.js';
import { ormConfig } from '../../mikro-orm.config.js';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import { JobName } from '../queue/jobs.js';
import { QueueName } from '../queue/queue-names.js';
import { DomainEvent } from './domain-event.js';
import { type TransactionScope, UnitOfWork } from './event-publisher.js';
import { OnDomainEvent } from './on-domain-event.js';

/** A fact of these specs (under a real event name; no module's listener is loaded here). */
class Happened extends DomainEvent {
  static readonly eventName = 'batch.failed';
  readonly eventName = Happened.eventName;
  constructor(
    readonly batchId: string,
    readonly failIn: 'transaction' | 'after-commit' | null = null,
  ) {
    super();
  }
}

@Injectable()
class Listeners {
  /** What each after-commit call found committed: the outbox rows of its fact. */
  readonly seenAfterCommit: { batchId: string; committedRows: number }[] = [];

  constructor(private readonly em: EntityManager) {}

  @OnDomainEvent(Happened, { phase: 'in-transaction' })
  async enqueue(event: Happened, scope: TransactionScope): Promise<void> {
    scope.enqueue(QueueName.mail, JobName.batchCodes, { batchId: event.batchId });
    if (event.failIn === 'transaction') throw new Error('in-transaction listener failed');
  }

  @OnDomainEvent(Happened)
  async observe(event: Happened): Promise<void> {
    const committedRows = await rowsOf(this.em, event.batchId);
    this.seenAfterCommit.push({ batchId: event.batchId, committedRows });
    if (event.failIn === 'after-commit') throw new Error('after-commit listener failed');
  }
}

const rowsOf = (em: EntityManager, batchId: string) =>
  em.fork().count(OutboxMessage, { name: JobName.batchCodes, payload: { batchId } });

/** UnitOfWork's two phases of listeners, on real PostgreSQL. */
describe('UnitOfWork', () => {
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let listeners: Listeners;
  let em: EntityManager;
  const batchIds: string[] = [];
  const fact = (failIn: Happened['failIn'] = null) => {
    const id = randomUUID();
    batchIds.push(id);
    return new Happened(id, failIn);
  };

  beforeAll(async () => {
    const config = loadConfig();
    if (!/_test$/.test(new URL(config.db.url).pathname)) throw new Error('Runs only on a *_test database');
    moduleRef = await Test.createTestingModule({
      imports: [
        MikroOrmModule.forRoot({ ...ormConfig(config), registerRequestContext: false }),
        EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false }),
      ],
      providers: [UnitOfWork, Listeners],
    }).compile();
    await moduleRef.init();
    uow = moduleRef.get(UnitOfWork);
    listeners = moduleRef.get(Listeners);
    em = moduleRef.get(EntityManager);
  });
  afterAll(async () => {
    // No relay runs here: the rows would otherwise wait for the next test's worker.
    await em.fork().nativeDelete(OutboxMessage, { payload: { batchId: { $in: batchIds } } });
    await moduleRef.close();
  });

  it("runs an in-transaction listener with the use case's scope, so its outbox row commits with the fact", async () => {
    const event = fact();
    expect(await uow.run(async ({ publish }) => (publish(event), 'done'))).toBe('done');
    expect(await rowsOf(em, event.batchId)).toBe(1);
    // The after-commit listener ran once, after the commit.
    expect(listeners.seenAfterCommit.filter((s) => s.batchId === event.batchId)).toEqual([
      { batchId: event.batchId, committedRows: 1 },
    ]);
  });

  it('rolls the use case back with its work when an in-transaction listener fails, and publishes nothing', async () => {
    const event = fact('transaction');
    const written = randomUUID();
    batchIds.push(written);
    const failed = uow.run(async (scope) => {
      scope.enqueue(QueueName.mail, JobName.batchCodes, { batchId: written });
      scope.publish(event);
    });
    await expect(failed).rejects.toThrow('in-transaction listener failed');
    expect(await rowsOf(em, written)).toBe(0);
    expect(await rowsOf(em, event.batchId)).toBe(0);
    expect(listeners.seenAfterCommit.some((s) => s.batchId === event.batchId)).toBe(false);
  });

  it('keeps a committed use case when an after-commit listener fails', async () => {
    const event = fact('after-commit');
    await expect(
      uow.run(async ({ publish }) => {
        publish(event);
        return 'done';
      }),
    ).resolves.toBe('done');
    expect(await rowsOf(em, event.batchId)).toBe(1);
    // The listener did run (and threw) after the commit.
    expect(listeners.seenAfterCommit).toContainEqual({ batchId: event.batchId, committedRows: 1 });
  });
});
