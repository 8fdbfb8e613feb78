import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { emRunner } from '../../common/database/read-query.js';
import { AccessCodesRepository } from './access-codes.repository.js';

/** A revoked redemption, as the code's audit row records it. */
export interface ReleasedUse {
  projectId: string;
  codeId: string;
  batchId: string;
  actor: { userId: string; name: string };
  data: Record<string, unknown>;
}

/**
 * The uses of a code as other modules change them. Taking a use is the redemption claim (one
 * statement across tables, see RedemptionsRepository.claim: the documented exception); giving
 * one back is here, so `access_codes` and `code_events` are written by their owner.
 */
@Injectable()
export class CodeUsesService {
  constructor(private readonly repo: AccessCodesRepository) {}

  /** Gives a revoked redemption's use back to its code and records who revoked it, in the caller's transaction. */
  async release(em: EntityManager, use: ReleasedUse): Promise<void> {
    await this.repo.releaseUse(emRunner(em), use);
  }
}
