/** Domain event keys. They are stored (outbox, webhooks), so they never change. */
export const EVENT_NAMES = [
  'batch.requested',
  'batch.completed',
  'batch.failed',
  'code.updated',
  'code.deactivated',
  'code.redeemed',
  'redemption.revoked',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Events a project can subscribe a webhook to. */
export const WEBHOOK_EVENTS = ['code.redeemed', 'redemption.revoked', 'batch.completed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
