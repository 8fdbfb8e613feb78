import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ApiKeyScope } from '@admit/shared';
import { customAlphabet } from 'nanoid';
import type { ApiKeyPrincipal } from '../../common/auth/principal.js';
import { PrincipalCache } from '../../common/auth/principal-cache.js';
import { API_KEY_TOKEN_PREFIX, randomToken, sha256 } from '../../common/auth/tokens.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ApiKey } from './api-key.entity.js';

/** `last_used_at` of an API key is informational: written at most once a minute per key. */
const LAST_USED_EVERY_MS = 60_000;

const newPrefix = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 12);

@Injectable()
export class ApiKeysService {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly em: EntityManager,
    private readonly principals: PrincipalCache,
  ) {}

  list(projectId: string): Promise<ApiKey[]> {
    return this.em
      .fork()
      .find(ApiKey, { project: projectId, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  async create(
    projectId: string,
    userId: string,
    name: string,
    scopes: ApiKeyScope[],
  ): Promise<{ key: ApiKey; secret: string }> {
    const em = this.em.fork();
    const prefix = newPrefix();
    const secretPart = randomToken(24);
    const key = em.create(ApiKey, {
      project: projectId,
      name,
      prefix,
      secretHash: sha256(secretPart),
      scopes,
      createdBy: userId,
    });
    await em.flush();
    return { key, secret: `${API_KEY_TOKEN_PREFIX}${prefix}_${secretPart}` };
  }

  /** Revokes rather than deletes, so redemptions keep naming the key they came through. */
  async revoke(projectId: string, keyId: string): Promise<void> {
    const updated = await this.em
      .fork()
      .nativeUpdate(ApiKey, { id: keyId, project: projectId, revokedAt: null }, { revokedAt: new Date() });
    if (!updated) throw DomainError.notFound('API key');
    this.principals.forget({ keyId });
  }

  /** The unrevoked key a bearer token names, if its secret matches (the guard's look-up). */
  async keyPrincipal(token: string): Promise<ApiKeyPrincipal | null> {
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

  /** Notes a use of the key: `last_used_at`, at most once a minute per key in this process. */
  noteUsed(keyId: string, now: number): void {
    if ((this.lastUsedWritten.get(keyId) ?? 0) + LAST_USED_EVERY_MS > now) return;
    this.lastUsedWritten.set(keyId, now);
    // Off the request's path: a failed write only leaves an older "last used" time.
    void this.em
      .fork()
      .nativeUpdate(ApiKey, { id: keyId }, { lastUsedAt: new Date(now) })
      .catch(() => this.lastUsedWritten.delete(keyId));
  }
}
