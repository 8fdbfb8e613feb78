import type { EventName } from '@admit/shared';

/**
 * Base of every domain event: one class per event, a stable `eventName` key, and a payload of
 * ids and values only (never managed entities — most listeners run after the transaction is gone).
 */
export abstract class DomainEvent {
  readonly occurredAt = new Date().toISOString();
  abstract readonly eventName: EventName;
}

export interface DomainEventClass<E extends DomainEvent = DomainEvent> {
  readonly eventName: EventName;
  new (...args: never[]): E;
}

/**
 * When a listener runs. `after-commit` (the default): once the use case's transaction has
 * committed, for reactions that may be lost or recomputed (the bell, metrics); a failing one is
 * logged and the use case still succeeds. `in-transaction`: inside that transaction, before it
 * commits, for the work of a fact that must commit with it (an outbox row through
 * `scope.enqueue`); a failing one rolls the use case back.
 */
export type DomainEventPhase = 'after-commit' | 'in-transaction';

/** The emitter key of an event's in-transaction listeners (after-commit ones use the event name). */
export function inTransactionKey(eventName: EventName): string {
  return `${eventName}#in-transaction`;
}
