import type { components } from '@admit/api-client';
import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  PROJECT_ROLES,
  type ProjectRole,
  roleAtLeast as sharedRoleAtLeast,
  WEBHOOK_EVENTS,
  type WebhookEvent,
} from '@admit/shared';

/**
 * Roles, scopes and webhook events come from libs/shared (the backend's own lists); the console
 * adds only its labels. The generated schema must name the same values: a type error here means
 * the API and the shared lists disagree.
 */
export { API_KEY_SCOPES, PROJECT_ROLES, WEBHOOK_EVENTS };
export type { ApiKeyScope, ProjectRole };
export type WebhookEventName = WebhookEvent;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsSchema: [
  Same<ProjectRole, components['schemas']['ProjectDto']['role']>,
  Same<ApiKeyScope, components['schemas']['CreateApiKeyDto']['scopes'][number]>,
  Same<WebhookEvent, components['schemas']['CreateWebhookDto']['events'][number]>,
] = [true, true, true];
void sameAsSchema;

/** Whether `role` is at least `needed` (owner > admin > support); no role is none. */
export function roleAtLeast(role: ProjectRole | undefined, needed: ProjectRole): boolean {
  return role !== undefined && sharedRoleAtLeast(role, needed);
}

export const ROLE_LABELS: Record<ProjectRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  support: 'Support',
};

export const ROLE_DESCRIPTIONS: Record<ProjectRole, string> = {
  owner: 'Everything an admin does, and can make other owners',
  admin: 'Generates and edits codes; manages products, members and API keys',
  support: 'Searches codes and redemptions; revokes redemptions',
};

export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  'codes:read': 'Read codes and validate them',
  'redemptions:write': 'Redeem codes for learners',
};

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventName, string> = {
  'code.redeemed': 'A learner redeemed a code',
  'redemption.revoked': 'Support revoked a redemption',
  'batch.completed': 'A batch of codes finished generating',
};
