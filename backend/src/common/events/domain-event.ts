import { OnEvent } from '@nestjs/event-emitter';
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

/**
 * Subscribes a listener method to one domain event by its class (the payload type follows from
 * it); awaited by the publisher, which logs a failing listener without failing the use case.
 * Every module's listeners live in its `listeners/` folder.
 */
export function OnDomainEvent(event: DomainEventClass): MethodDecorator {
  return OnEvent(event.eventName, { promisify: true });
}
