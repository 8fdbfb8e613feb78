import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ApiKeyScope } from '@admit/shared';
import { customAlphabet } from 'nanoid';
import { API_KEY_TOKEN_PREFIX, randomToken, sha256 } from '../../common/auth/tokens.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { AccessResolver } from '../identity/access.resolver.js';
import { ApiKey } from './api-key.entity.js';

const newPrefix = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 12);

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessResolver,
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
    this.access.forget({ keyId });
  }
}
