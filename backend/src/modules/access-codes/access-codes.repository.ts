import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pgArray } from '../../common/database/sql.js';
import { encodeKeysetCursor } from '../../common/http/keyset-cursor.js';
import type { UsageType } from '../batches/batch.entity.js';
export { CODE_COLUMNS, CODE_FROM };
import type { CodeFiltersDto } from './dto/access-code.dto.js';

/** What every code of one batch shares; the rows differ only in code text and sequence number. */
export interface CodeTemplate {
  projectId: string;
  batchId: string;
  productId: string;
  planId: string;
  usageType: UsageType;
  maxRedemptions: number | null;
  validFrom: Date | null;
  validTill: Date | null;
}

/** Runs one statement with `?` placeholders: an EntityManager in a transaction, or a raw pg client. */
export type SqlRunner = <T = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>;

export function emRunner(em: EntityManager): SqlRunner {
  return (sql, params) => em.execute(sql, params as never[]);
}

/** The same over a raw pg client (its `$n` placeholders). */
export function pgRunner(client: pg.PoolClient): SqlRunner {
  return async <T>(sql: string, params: unknown[]) => {
    let i = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++i}`),
        params,
      )
    ).rows as T[];
  };
}

export interface CodeRow {
  id: string;
  project_id: string;
  batch_id: string;
  product_id: string;
  plan_id: string;
  product_name: string;
  plan_name: string;
  code: string;
  display: string;
  usage_type: UsageType;
  max_redemptions: number | null;
  redemption_count: number;
  valid_from: Date | null;
  valid_till: Date | null;
  active: boolean;
  sequence_no: string | null;
  created_at: Date;
  created_at_key: string;
  updated_at: Date | null;
  custom_name: string | null;
}

export interface RedeemerRow {
  code_id: string;
  learner_name: string | null;
  learner_email: string | null;
  learner_external_id: string;
  redeemed_at: Date;
}

export interface Cursor {
  createdAt: string;
  id: string;
}

/** Rows per write into a COPY stream: large enough to keep system calls few, small enough to stay cheap. */
const COPY_SLICE = 5000;

const CODE_COLUMNS = `
  c.id, c.project_id, c.batch_id, c.product_id, c.plan_id, b.product_name, b.plan_name,
  c.code, admit_display_code(c.code, b.kind, b.prefix, b.len, b.group_size, b.check_char, b.custom_name, c.sequence_no) as display,
  c.usage_type, c.max_redemptions, c.redemption_count, c.valid_from, c.valid_till, c.active,
  c.sequence_no, c.created_at, c.created_at::text as created_at_key, c.updated_at, b.custom_name`;

/**
 * Each code's batch, product and plan, looked up per row through a LATERAL subquery. The planner
 * runs it as a nested loop with Memoize (a cache keyed by batch id): one real look-up per batch,
 * and the rows keep the order of the index scan, so neither a page nor a million-row export
 * needs a sort. `offset 0` keeps the format fields from being re-read from JSON on every row.
 */
const CODE_FROM = `
  from access_codes c
  cross join lateral (
    select bb.custom_name, bb.format->>'kind' as kind, bb.format->>'prefix' as prefix, (bb.format->>'length')::int as len,
           (bb.format->>'groupSize')::int as group_size, coalesce((bb.format->>'checkChar')::boolean, false) as check_char,
           p.name as product_name, pl.name as plan_name,
           -- For CSV exports; computed here, once per batch, rather than on every row.
           admit_csv_safe(p.name) as product_name_csv, admit_csv_safe(pl.name) as plan_name_csv
      from batches bb join products p on p.id = bb.product_id join plans pl on pl.id = bb.plan_id
     where bb.id = c.batch_id offset 0) b`;

/**
 * The SQL of the codes table. Generation and listing are hot paths on millions of rows, so they are
 * set-based statements here rather than ORM loops: one INSERT … SELECT FROM unnest per chunk (the
 * unique index settles collisions, no look-up per code) and keyset pages (never OFFSET).
 */
@Injectable()
export class AccessCodesRepository {
  /**
   * Inserts the candidates that are new in the project; returns the codes actually inserted.
   * `ON CONFLICT DO NOTHING` drops a candidate that collides with an existing code (or a Custom
   * Name number taken by an edited code); the caller draws replacements.
   */
  async insertCodes(
    run: SqlRunner,
    t: CodeTemplate,
    codes: string[],
    sequenceNos?: number[],
  ): Promise<string[]> {
    if (!codes.length) return [];
    const rows = await run<{ code: string }>(
      `insert into access_codes
         (project_id, batch_id, product_id, plan_id, usage_type, max_redemptions, valid_from, valid_till, code, sequence_no)
       select ?, ?, ?, ?, ?, ?, ?, ?, c.code, c.seq
         from unnest(?::text[], ?::bigint[]) as c(code, seq)
       on conflict (project_id, code) do nothing
       returning code`,
      [
        t.projectId,
        t.batchId,
        t.productId,
        t.planId,
        t.usageType,
        t.maxRedemptions,
        t.validFrom,
        t.validTill,
        pgArray(codes),
        pgArray(sequenceNos ?? codes.map(() => null)),
      ],
    );
    return rows.map((r) => r.code);
  }

  /**
   * The bulk fast path: COPY the candidates straight into the table, in the caller's
   * transaction, behind a savepoint. Returns false, with nothing written, when a candidate
   * collides with an existing code (the unique index refuses the whole COPY); the caller then
   * uses `insertCodes`, which skips collisions.
   */
  async copyCodes(
    client: pg.PoolClient,
    t: CodeTemplate,
    codes: string[],
    sequenceNos?: number[],
  ): Promise<boolean> {
    const fixed = [
      t.projectId,
      t.batchId,
      t.productId,
      t.planId,
      t.usageType,
      t.maxRedemptions ?? '',
      t.validFrom?.toISOString() ?? '',
      t.validTill?.toISOString() ?? '',
    ].join(',');
    // Rows are built a slice at a time, so a chunk's CSV never sits in memory whole.
    const rows = sequenceNos
      ? (i: number, end: number) => {
          let text = '';
          for (let j = i; j < end; j++) text += `${fixed},${codes[j]},${sequenceNos[j]}\n`;
          return text;
        }
      : (i: number, end: number) => {
          let text = '';
          for (let j = i; j < end; j++) text += `${fixed},${codes[j]},\n`;
          return text;
        };
    await client.query('savepoint copy_codes');
    try {
      await pipeline(
        Readable.from(
          (function* () {
            for (let i = 0; i < codes.length; i += COPY_SLICE)
              yield rows(i, Math.min(i + COPY_SLICE, codes.length));
          })(),
        ),
        client.query(
          copyFrom(`copy access_codes (project_id, batch_id, product_id, plan_id, usage_type, max_redemptions,
                    valid_from, valid_till, code, sequence_no) from stdin with (format csv)`),
        ),
      );
      await client.query('release savepoint copy_codes');
      return true;
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      await client.query('rollback to savepoint copy_codes');
      return false;
    }
  }

  /** Reserves `count` Custom Name numbers for a prefix, atomically; returns the first. */
  async reserveNumbers(run: SqlRunner, projectId: string, prefix: string, count: number): Promise<number> {
    const [row] = await run<{ last_value: string }>(
      `insert into custom_name_counters (project_id, prefix, last_value) values (?, ?, ?)
       on conflict (project_id, prefix) do update set last_value = custom_name_counters.last_value + excluded.last_value
       returning last_value`,
      [projectId, prefix, count],
    );
    return Number(row.last_value) - count + 1;
  }

  /** WHERE clause and parameters for the shared filters; `c` is access_codes. */
  filterSql(
    projectId: string,
    f: CodeFiltersDto,
    normalisedQ?: string,
  ): { where: string[]; params: unknown[] } {
    const where = ['c.project_id = ?'];
    const params: unknown[] = [projectId];
    if (f.status === 'used') where.push('c.redemption_count > 0');
    if (f.status === 'unused') where.push('c.redemption_count = 0');
    if (f.active !== undefined) where.push(f.active ? 'c.active = true' : 'c.active = false');
    if (f.expired === true) where.push('c.valid_till is not null and c.valid_till <= now()');
    if (f.expired === false) where.push('(c.valid_till is null or c.valid_till > now())');
    for (const [column, value] of [
      ['batch_id', f.batchId],
      ['product_id', f.productId],
      ['plan_id', f.planId],
    ] as const) {
      if (!value) continue;
      where.push(`c.${column} = ?`);
      params.push(value);
    }
    const q = f.q?.trim();
    if (q) {
      const lowered = q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);
      where.push(`(${normalisedQ ? "c.code like ? || '%' or " : ''}c.id in (
        select r.code_id from redemptions r
         where r.project_id = c.project_id and r.revoked_at is null
           and (lower(r.learner_email) like ? || '%' or r.learner_external_id = ? or lower(r.learner_name) like '%' || ? || '%')))`);
      if (normalisedQ) params.push(normalisedQ.replace(/[\\%_]/g, (m) => `\\${m}`));
      params.push(lowered, q, lowered);
    }
    return { where, params };
  }

  async page(
    em: EntityManager,
    projectId: string,
    f: CodeFiltersDto,
    normalisedQ: string | undefined,
    limit: number,
    cursor?: Cursor,
  ) {
    const { where, params } = this.filterSql(projectId, f, normalisedQ);
    if (cursor) {
      where.push('(c.created_at, c.id) < (?::timestamptz, ?::uuid)');
      params.push(cursor.createdAt, cursor.id);
    }
    const rows = await em.execute<CodeRow[]>(
      `select ${CODE_COLUMNS} ${CODE_FROM} where ${where.join(' and ')}
       order by c.created_at desc, c.id desc limit ${limit + 1}`,
      params as never[],
    );
    return {
      rows: rows.slice(0, limit),
      nextCursor:
        rows.length > limit ? encodeKeysetCursor(rows[limit - 1].created_at_key, rows[limit - 1].id) : null,
    };
  }

  async counts(em: EntityManager, projectId: string, f: CodeFiltersDto, normalisedQ?: string) {
    const { where, params } = this.filterSql(projectId, { ...f, status: undefined }, normalisedQ);
    const [row] = await em.execute<{ all: string; used: string }[]>(
      `select count(*) as all, count(*) filter (where c.redemption_count > 0) as used
         from access_codes c where ${where.join(' and ')}`,
      params as never[],
    );
    return { all: Number(row.all), used: Number(row.used), unused: Number(row.all) - Number(row.used) };
  }

  async findRow(em: EntityManager, projectId: string, codeId: string): Promise<CodeRow | null> {
    const [row] = await em.execute<CodeRow[]>(
      `select ${CODE_COLUMNS} ${CODE_FROM} where c.project_id = ? and c.id = ?`,
      [projectId, codeId],
    );
    return row ?? null;
  }

  /** Every code of a batch in the order it was numbered (for emails and the batch CSV). */
  async batchCodes(em: EntityManager, projectId: string, batchId: string): Promise<CodeRow[]> {
    return em.execute<CodeRow[]>(
      `select ${CODE_COLUMNS} ${CODE_FROM} where c.project_id = ? and c.batch_id = ? order by c.sequence_no nulls last, c.code`,
      [projectId, batchId],
    );
  }

  /** Live redeemers of the given codes, oldest first. */
  async redeemers(em: EntityManager, codeIds: string[]): Promise<Map<string, RedeemerRow[]>> {
    const map = new Map<string, RedeemerRow[]>();
    if (!codeIds.length) return map;
    const rows = await em.execute<RedeemerRow[]>(
      `select code_id, learner_name, learner_email, learner_external_id, redeemed_at
         from redemptions where code_id = any(?::uuid[]) and revoked_at is null order by redeemed_at, id`,
      [pgArray(codeIds)],
    );
    for (const row of rows) map.set(row.code_id, [...(map.get(row.code_id) ?? []), row]);
    return map;
  }
}
