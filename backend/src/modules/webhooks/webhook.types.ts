import { WEBHOOK_EVENTS, type WebhookEvent } from '@admit/shared';

/**
 * The webhooks module's public read-only SQL (see backend/.dependency-cruiser.cjs: other modules
 * import a module's services, DTOs, events and `*.types.ts`, nothing else).
 *
 * SQL: does an active endpoint of the project (`projectIdSql`, a column or `?`) listen to
 * `event`? For statements that want the answer without another round trip (the redemption claim).
 */
export function subscribedSql(projectIdSql: string, event: WebhookEvent): string {
  if (!WEBHOOK_EVENTS.includes(event)) throw new Error(`Unknown webhook event ${event}`);
  return `exists (select 1 from webhooks w where w.project_id = ${projectIdSql} and w.active and '${event}' = any(w.events))`;
}
