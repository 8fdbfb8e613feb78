import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { EntityManager } from '@mikro-orm/postgresql';
import { type DomainEvent, inTransactionKey } from './domain-event.js';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import type { JobNameOf, JobPayload, JobQueue } from '../queue/jobs.js';

/** Emitted after a commit that wrote outbox rows, so a relay in this process dispatches them at once. */
export const OUTBOX_WRITTEN = 'outbox.written';

/** What a use case gets inside its transaction: the transactional EntityManager and a place to queue events. */
export interface TransactionScope {
  em: EntityManager;
  /**
   * Publish an event: its in-transaction listeners run before the transaction commits (and may
   * enqueue through this scope), its after-commit listeners once it has committed.
   */
  publish(event: DomainEvent): void;
  /**
   * Durable work in the same transaction: if the change commits, the job will run, even if the
   * process dies before it reaches Redis. Returns the message id, which becomes the job id.
   */
  enqueue<Q extends JobQueue, N extends JobNameOf<Q>>(
    queue: Q,
    name: N,
    payload: JobPayload<Q, N>,
    id?: string,
  ): string;
}

/**
 * Runs a use case in one transaction and publishes its events after commit, so a listener never
 * sees a change that was rolled back. Work that must not be lost goes into an outbox row inside
 * the transaction instead (see the outbox module): either by the use case itself or by an
 * in-transaction listener of the event (`@OnDomainEvent(E, { phase: 'in-transaction' })`), which
 * runs when the use case's work is done and before the commit, with the same scope. In-process
 * events after commit are for reactions that may be recomputed.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger('UnitOfWork');

  constructor(
    private readonly em: EntityManager,
    private readonly emitter: EventEmitter2,
  ) {}

  async run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    let wroteOutbox = false;
    const result = await this.em.fork().transactional(async (em) => {
      const scope: TransactionScope = {
        em,
        publish: (e) => events.push(e),
        enqueue: (queue, name, payload, id) => {
          wroteOutbox = true;
          const data = payload as unknown as Record<string, unknown>;
          return em.create(OutboxMessage, { queue, name, payload: data, ...(id ? { id } : {}) }).id;
        },
      };
      const value = await work(scope);
      // By index: an in-transaction listener may publish further events, which get theirs too.
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        // A failure here throws: the transaction, and so the fact, rolls back with its work.
        await this.emitter.emitAsync(inTransactionKey(event.eventName), event, scope);
      }
      return value;
    });
    if (wroteOutbox) this.emitter.emit(OUTBOX_WRITTEN);
    await this.publishAll(events);
    return result;
  }

  /**
   * The after-commit listeners only. Also for a change committed outside `run` (the redemption
   * claim without a transaction), so an event with in-transaction listeners must be published in
   * `run`.
   */
  async publishAll(events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      try {
        await this.emitter.emitAsync(event.eventName, event);
      } catch (err) {
        // The change is committed; a failing listener must not turn it into an error for the caller.
        this.logger.error({ err, event: event.eventName }, 'Event listener failed');
      }
    }
  }
}
