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
   * One chunk of a bulk run, in the caller's transaction on a raw client: the candidates go in by
   * COPY (the fastest way into the table). Custom Name codes take the chunk's own numbers
   * (`firstNumber` …), so numbering stays contiguous across chunks. Only if a candidate collides
   * with an existing code (a random clash, or a number taken by an edited code) does the chunk
   * fall back to the insert that skips collisions, and draw replacements for what it skipped.
   */
  async writeChunk(
    client: pg.PoolClient,
    batch: BatchSnapshot,
    count: number,
    firstNumber: number | null,
  ): Promise<number> {
    let codes: string[];
    let numbers: number[] | undefined;
    if (batch.format.kind === 'custom') {
      if (firstNumber === null) throw new Error(`Custom Name batch ${batch.batchId} has no reserved range`);
      numbers = Array.from({ length: count }, (_, i) => firstNumber + i);
      codes = numbers.map((n) => customNameCode(batch.customName ?? '', n));
    } else {
      codes = this.generator(batch).many(count);
    }
    if (await this.repo.copyCodes(client, batch, codes, numbers)) return count;
    const run = pgRunner(client);
    const missing = count - (await this.repo.insertCodes(run, batch, codes, numbers)).length;
    if (missing > 0) await this.write(run, batch, missing);
    return count;
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
