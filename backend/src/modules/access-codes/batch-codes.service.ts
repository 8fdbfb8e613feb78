import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createCodeGenerator, customNameCode, normalizeCode } from '@admit/codes';
import type pg from 'pg';
import { emRunner, pgRunner, type SqlRunner } from '../../common/database/read-query.js';
import type { BatchFormat } from './access-code.types.js';
import { AccessCodesRepository, type CodeRow, type CodeTemplate } from './access-codes.repository.js';
import { toAccessCodeDto } from './access-code.view.js';
import type { AccessCodeDto } from './dto/access-code.dto.js';

/** What the codes of one batch are made from. */
export interface BatchSnapshot extends CodeTemplate {
  format: BatchFormat;
  customName: string | null;
}

/** Who changed a batch's codes, for their audit rows. */
export interface CodeActor {
  userId: string;
  name: string;
}

/** Rounds of redraws before giving up; with the entropy guard a second round is already rare. */
const MAX_ROUNDS = 20;

/**
 * The codes of a batch, for the batches and mailing modules: the access-codes module owns
 * `access_codes`, `access_code_counters`, `custom_name_counters` and `code_events`, and this is
 * how other modules write and count them.
 *
 * Writes new codes set-based: draw candidates, insert them in one statement, draw again only for
 * the ones the unique index refused. Custom Name numbers are reserved a range at a time, so
 * numbering continues across batches and two batches at once never share a number.
 */
@Injectable()
export class BatchCodesService {
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

  /** Reserves `count` Custom Name numbers for a prefix (on the caller's raw client); returns the first. */
  reserveNumbers(client: pg.PoolClient, projectId: string, prefix: string, count: number): Promise<number> {
    return this.repo.reserveNumbers(pgRunner(client), projectId, prefix, count);
  }

  /** Codes of the project, from the counters (the entropy guard's count). */
  projectCodeCount(em: EntityManager, projectId: string): Promise<number> {
    return this.repo.codeCount(emRunner(em), projectId);
  }

  /** Codes and codes redeemed at least once, per batch, from the counters. */
  counters(em: EntityManager, batchIds: string[]): Promise<Map<string, { total: number; used: number }>> {
    return this.repo.batchCounters(emRunner(em), batchIds);
  }

  /** Every code of a batch in the order it was numbered (for emails and the 201 answer). */
  codesOf(em: EntityManager, projectId: string, batchId: string): Promise<CodeRow[]> {
    return this.repo.batchCodes(em, projectId, batchId);
  }

  /** The same as the API's code objects (a batch made in the request answers with them). */
  async codeDtosOf(em: EntityManager, projectId: string, batchId: string): Promise<AccessCodeDto[]> {
    return (await this.repo.batchCodes(em, projectId, batchId)).map((r) => toAccessCodeDto(r));
  }

  /** After a bulk run: the planner's statistics of the codes table, when the run was a large share of it. */
  refreshStatistics(em: EntityManager, added: number): Promise<boolean> {
    return this.repo.refreshStatistics(emRunner(em), added);
  }

  /**
   * Deactivates every active code of the batch (or re-activates every inactive one), with one
   * audit row per code, set-based, in the caller's transaction. Returns the ids it changed.
   */
  setActive(
    em: EntityManager,
    projectId: string,
    batchId: string,
    active: boolean,
    actor: CodeActor,
  ): Promise<string[]> {
    return this.repo.setBatchActive(emRunner(em), projectId, batchId, active, actor);
  }
}
