import { OnEvent } from '@nestjs/event-emitter';
import {
  type DomainEvent,
  type DomainEventClass,
  type DomainEventPhase,
  inTransactionKey,
} from './domain-event.js';
import type { TransactionScope } from './event-publisher.js';

/** Checks the decorated method's signature: the class has a method `K` of type `L`. */
type ListenerDecorator<L> = <K extends string | symbol>(
  target: { [P in K]: L },
  key: K,
  descriptor: PropertyDescriptor,
) => void;

/**
 * Subscribes a listener method to one domain event by its class, so the payload type follows
 * from it. After commit (the default) the method takes `(event)`; in the transaction
 * (`{ phase: 'in-transaction' }`) it takes `(event, scope)`, the publishing use case's
 * TransactionScope, whose `enqueue` writes an outbox row that commits with the fact. Both are
 * awaited by UnitOfWork (see DomainEventPhase). Every module's listeners live in its `listeners/`
 * folder.
 */
export function OnDomainEvent<E extends DomainEvent>(
  event: DomainEventClass<E>,
  options?: { phase: 'after-commit' },
): ListenerDecorator<(event: E) => Promise<void>>;
export function OnDomainEvent<E extends DomainEvent>(
  event: DomainEventClass<E>,
  options: { phase: 'in-transaction' },
): ListenerDecorator<(event: E, scope: TransactionScope) => Promise<void>>;
export function OnDomainEvent(
  event: DomainEventClass,
  options: { phase: DomainEventPhase } = { phase: 'after-commit' },
): MethodDecorator {
  return options.phase === 'in-transaction'
    ? OnEvent(inTransactionKey(event.eventName), { promisify: true, suppressErrors: false })
    : OnEvent(event.eventName, { promisify: true });
}
