import { Injectable } from '@nestjs/common';
import { ExpiringMap } from '../cache/expiring-map.js';
import type { Principal } from './principal.js';

/**
 * How long a resolved token is believed without asking the database again. Every service call
 * authenticates, and the look-up was 2 of the 5 queries of a redemption; the price is that a
 * revoked key or a logged-out session keeps working on OTHER replicas for up to this long (the
 * replica that revoked it forgets it at once).
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;

/**
 * Resolved tokens of this process, by the token's SHA-256. The access module's resolver fills it;
 * the modules that end a session or revoke a key (identity, api-keys) empty it, so it sits in the
 * shared kernel rather than above them. Provided once, by the global IdentityModule.
 */
@Injectable()
export class PrincipalCache {
  private readonly cache = new ExpiringMap<string, Principal>(TOKEN_CACHE_MS, TOKEN_CACHE_MAX);

  get(tokenHash: string, now: number): Principal | undefined {
    return this.cache.get(tokenHash, now);
  }

  set(tokenHash: string, principal: Principal, now: number): void {
    this.cache.set(tokenHash, principal, now);
  }

  /** Forgets a logged-out session or every cached use of a revoked key, in this process. */
  forget(match: { tokenHash?: string; keyId?: string }): void {
    if (match.tokenHash) this.cache.delete(match.tokenHash);
    if (match.keyId)
      this.cache.deleteWhere((principal) => principal.kind === 'apiKey' && principal.keyId === match.keyId);
  }
}
