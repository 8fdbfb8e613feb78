import { Injectable } from '@nestjs/common';
import type { ProjectRole } from '@admit/shared';
import type { Principal } from '../../common/auth/principal.js';
import { PrincipalCache } from '../../common/auth/principal-cache.js';
import { API_KEY_TOKEN_PREFIX, SESSION_TOKEN_PREFIX, sha256 } from '../../common/auth/tokens.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { AuthService } from '../identity/auth.service.js';
import { ProjectsService } from '../projects/projects.service.js';

/**
 * Turns a bearer token into who is calling, and a user plus project into a role. It owns no
 * table: sessions are identity's, keys api-keys', memberships projects'; it asks their services
 * and keeps the answers for a few seconds (PrincipalCache, `TOKEN_CACHE_MS`).
 */
@Injectable()
export class AccessResolver {
  constructor(
    private readonly cache: PrincipalCache,
    private readonly sessions: AuthService,
    private readonly apiKeys: ApiKeysService,
    private readonly projects: ProjectsService,
  ) {}

  async resolveToken(token: string): Promise<Principal | null> {
    const hash = sha256(token);
    const now = Date.now();
    const hit = this.cache.get(hash, now);
    if (hit) {
      if (hit.kind === 'apiKey') this.apiKeys.noteUsed(hit.keyId, now);
      return hit;
    }
    const principal = token.startsWith(SESSION_TOKEN_PREFIX)
      ? await this.sessions.sessionPrincipal(hash)
      : token.startsWith(API_KEY_TOKEN_PREFIX)
        ? await this.apiKeys.keyPrincipal(token)
        : null;
    if (principal) {
      this.cache.set(hash, principal, now);
      if (principal.kind === 'apiKey') this.apiKeys.noteUsed(principal.keyId, now);
    } else {
      this.cache.forget({ tokenHash: hash });
    }
    return principal;
  }

  roleIn(userId: string, projectId: string): Promise<ProjectRole | null> {
    return this.projects.roleIn(userId, projectId);
  }
}
