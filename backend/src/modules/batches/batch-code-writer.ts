import { Injectable } from '@nestjs/common';
import { createCodeGenerator, customNameCode, normalizeCode } from '@admit/codes';
import type pg from 'pg';
import {
  AccessCodesRepository,
  type CodeTemplate,
  pgRunner,
  type SqlRunner,
} from '../access-codes/access-codes.repository.js';
import type { BatchFormat } from './batch.entity.js';

export interface BatchSnapshot extends CodeTemplate {
  format: BatchFormat;
  customName: string | null;
}

/** Rounds of redraws before giving up; with the entropy guard a second round is already rare. */
const MAX_ROUNDS = 20;

/**
 * Writes new codes of a batch, set-based: draw candidates, insert them in one statement, draw
 * again only for the ones the unique index refused. Custom Name numbers are reserved a range at a
 * time, so numbering continues across batches and two batches at once never share a number.
 */
@Injectable()
export class BatchCodeWriter {
  constructor(private readonly repo: AccessCodesRepository) {}

  /**
   * The bulk path, in the caller's transaction on a raw client: random codes go in by COPY (the
   * fastest way into the table); only if one collides with an existing code does the chunk fall
   * back to the insert that skips collisions.
   */
  async writeBulk(client: pg.PoolClient, batch: BatchSnapshot, count: number): Promise<number> {
    if (
      batch.format.kind !== 'custom' &&
      (await this.repo.copyCodes(client, batch, this.generator(batch).many(count)))
    ) {
      return count;
    }
    return this.write(pgRunner(client), batch, count);
  }

  private generator(batch: BatchSnapshot) {
    return createCodeGenerator({
      kind: batch.format.kind === 'custom' ? 'random' : batch.format.kind,
      length: batch.format.length,
      checkChar: batch.format.checkChar,
      groupSize: batch.format.groupSize,
      prefix: batch.format.prefix,
    });
  }

  async write(run: SqlRunner, batch: BatchSnapshot, count: number): Promise<number> {
    let missing = count;
    const random = batch.format.kind === 'custom' ? undefined : this.generator(batch);
    for (let round = 0; missing > 0; round++) {
      if (round >= MAX_ROUNDS)
        throw new Error(`Could not find ${missing} free codes after ${MAX_ROUNDS} rounds`);
      if (random) {
        missing -= (await this.repo.insertCodes(run, batch, random.many(missing))).length;
      } else {
        const prefix = normalizeCode(batch.customName ?? '');
        const first = await this.repo.reserveNumbers(run, batch.projectId, prefix, missing);
        const numbers = Array.from({ length: missing }, (_, i) => first + i);
        const codes = numbers.map((n) => customNameCode(batch.customName ?? '', n));
        missing -= (await this.repo.insertCodes(run, batch, codes, numbers)).length;
      }
    }
    return count;
  }
}
