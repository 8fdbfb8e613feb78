import type { EventName } from '@admit/shared';
import type { DomainEventClass } from './common/events/domain-event.js';
import { CodeDeactivated } from './modules/access-codes/events/code-deactivated.event.js';
import { CodeUpdated } from './modules/access-codes/events/code-updated.event.js';
import { BatchCompleted } from './modules/batches/events/batch-completed.event.js';
import { BatchFailed } from './modules/batches/events/batch-failed.event.js';
import { BatchRequested } from './modules/batches/events/batch-requested.event.js';
import { CodeRedeemed } from './modules/redemptions/events/code-redeemed.event.js';
import { RedemptionRevoked } from './modules/redemptions/events/redemption-revoked.event.js';

/**
 * The typed event map: every domain event name (libs/shared EVENT_NAMES) → its payload class.
 * A name without a class, or a class whose `eventName` is another key, does not compile. It lives
 * beside app.module.ts, like the entity list, because it names every module's events (common/
 * imports none); listeners subscribe by class with `OnDomainEvent` (common/events).
 */
export const DOMAIN_EVENTS = {
  'batch.requested': BatchRequested,
  'batch.completed': BatchCompleted,
  'batch.failed': BatchFailed,
  'code.updated': CodeUpdated,
  'code.deactivated': CodeDeactivated,
  'code.redeemed': CodeRedeemed,
  'redemption.revoked': RedemptionRevoked,
} as const satisfies { [N in EventName]: DomainEventClass & { readonly eventName: N } };

/** Event name → payload type. */
export type DomainEventMap = { [N in EventName]: InstanceType<(typeof DOMAIN_EVENTS)[N]> };
