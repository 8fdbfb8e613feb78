/** Project roles, strongest first. A route that needs `admin` also admits `owner`. */
export const PROJECT_ROLES = ['owner', 'admin', 'support'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

const RANK: Record<ProjectRole, number> = { owner: 3, admin: 2, support: 1 };

export function roleAtLeast(role: ProjectRole, needed: ProjectRole): boolean {
  return RANK[role] >= RANK[needed];
}

/**
 * What a project API key may do. Code management (generate, edit, deactivate) is the console's:
 * no service endpoint writes codes, so there is no `codes:write` scope (removed; keys that had it
 * lost it in Migration20261129140000_drop_codes_write_scope).
 */
export const API_KEY_SCOPES = ['codes:read', 'redemptions:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
