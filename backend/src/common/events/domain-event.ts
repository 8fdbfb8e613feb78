import type { EventName } from '@admit/shared';

/**
 * Base of every domain event: one class per event, a stable `eventName` key, and a payload of
 * ids and values only (never managed entities — listeners run after the transaction is gone).
 */
export abstract class DomainEvent {
  readonly occurredAt = new Date().toISOString();
  abstract readonly eventName: EventName;
}

export interface DomainEventClass<E extends DomainEvent = DomainEvent> {
  readonly eventName: EventName;
  new (...args: never[]): E;
}
