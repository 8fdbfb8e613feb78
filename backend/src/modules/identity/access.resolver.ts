import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ProjectRole } from '@admit/shared';
import type { Principal } from '../../common/auth/principal.js';
import { API_KEY_TOKEN_PREFIX, SESSION_TOKEN_PREFIX, sha256 } from '../../common/auth/tokens.js';
import { ApiKey } from '../api-keys/api-key.entity.js';
import { ProjectMember } from '../projects/project-member.entity.js';
import { Session } from './session.entity.js';

/**
 * How long a resolved token is believed without asking the database again. Every service call
 * authenticates, and the look-up was 2 of the 5 queries of a redemption; the price is that a
 * revoked key or a logged-out session keeps working on OTHER replicas for up to this long (the
 * replica that revoked it forgets it at once).
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;
/** `last_used_at` of an API key is informational: written at most once a minute per key. */
const LAST_USED_EVERY_MS = 60_000;

interface Cached {
  principal: Principal;
  until: number;
}

/** Turns a bearer token into who is calling, and a user plus project into a role. */
@Injectable()
export class AccessResolver {
  private readonly cache = new Map<string, Cached>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(private readonly em: EntityManager) {}

  async resolveToken(token: string): Promise<Principal | null> {
    const hash = sha256(token);
    const hit = this.cache.get(hash);
    const now = Date.now();
    if (hit && hit.until > now) {
      if (hit.principal.kind === 'apiKey') this.touch(hit.principal.keyId, now);
      return hit.principal;
    }
    const principal = token.startsWith(SESSION_TOKEN_PREFIX)
      ? await this.resolveSession(hash)
      : token.startsWith(API_KEY_TOKEN_PREFIX)
        ? await this.resolveApiKey(token)
        : null;
    if (principal) {
      if (this.cache.size >= TOKEN_CACHE_MAX) this.cache.clear();
      this.cache.set(hash, { principal, until: now + TOKEN_CACHE_MS });
      if (principal.kind === 'apiKey') this.touch(principal.keyId, now);
    } else {
      this.cache.delete(hash);
    }
    return principal;
  }

  /** Forgets a logged-out session or every cached use of a revoked key, in this process. */
  forget(match: { tokenHash?: string; keyId?: string }): void {
    if (match.tokenHash) this.cache.delete(match.tokenHash);
    if (match.keyId) {
      for (const [hash, cached] of this.cache) {
        if (cached.principal.kind === 'apiKey' && cached.principal.keyId === match.keyId)
          this.cache.delete(hash);
      }
    }
  }

  private async resolveSession(tokenHash: string): Promise<Principal | null> {
    const session = await this.em
      .fork()
      .findOne(Session, { tokenHash, expiresAt: { $gt: new Date() } }, { populate: ['user'] });
    if (!session) return null;
    const { user } = session;
    return { kind: 'user', userId: user.id, tenantId: user.tenant.id, email: user.email, name: user.name };
  }

  private async resolveApiKey(token: string): Promise<Principal | null> {
    const match = /^admit_([A-Za-z0-9]{8,16})_([A-Za-z0-9_-]{16,})$/.exec(token);
    if (!match) return null;
    const [, prefix, secret] = match;
    const key = await this.em.fork().findOne(ApiKey, { prefix, revokedAt: null });
    if (!key || key.secretHash !== sha256(secret)) return null;
    return {
      kind: 'apiKey',
      keyId: key.id,
      keyName: key.name,
      projectId: key.project.id,
      scopes: key.scopes,
    };
  }

  private touch(keyId: string, now: number): void {
    if ((this.lastUsedWritten.get(keyId) ?? 0) + LAST_USED_EVERY_MS > now) return;
    this.lastUsedWritten.set(keyId, now);
    // Off the request's path: a failed write only leaves an older "last used" time.
    void this.em
      .fork()
      .nativeUpdate(ApiKey, { id: keyId }, { lastUsedAt: new Date(now) })
      .catch(() => this.lastUsedWritten.delete(keyId));
  }

  async roleIn(userId: string, projectId: string): Promise<ProjectRole | null> {
    const member = await this.em
      .fork()
      .findOne(ProjectMember, { user: userId, project: projectId }, { fields: ['role'] });
    return member?.role ?? null;
  }
}
