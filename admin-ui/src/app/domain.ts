import type { components } from '@admit/api-client';

/** Roles and scopes as the generated schema names them; the lists below must cover exactly those. */
export type ProjectRole = components['schemas']['ProjectDto']['role'];
export type ApiKeyScope = components['schemas']['CreateApiKeyDto']['scopes'][number];

/** Strongest first. */
export const PROJECT_ROLES = ['owner', 'admin', 'support'] as const satisfies readonly ProjectRole[];

const RANK: Record<ProjectRole, number> = { owner: 3, admin: 2, support: 1 };

export function roleAtLeast(role: ProjectRole | undefined, needed: ProjectRole): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
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

export const API_KEY_SCOPES = ['codes:read', 'redemptions:write'] as const satisfies readonly ApiKeyScope[];

export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  'codes:read': 'Read codes and validate them',
  'redemptions:write': 'Redeem codes for learners',
};

export type WebhookEventName = components['schemas']['CreateWebhookDto']['events'][number];

export const WEBHOOK_EVENTS = [
  'code.redeemed',
  'redemption.revoked',
  'batch.completed',
] as const satisfies readonly WebhookEventName[];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventName, string> = {
  'code.redeemed': 'A learner redeemed a code',
  'redemption.revoked': 'Support revoked a redemption',
  'batch.completed': 'A batch of codes finished generating',
};
