import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SqlRunner } from '../../common/database/read-query.js';
import { likeLiteral, pgArray } from '../../common/database/sql.js';
import { keysetPage } from '../../common/http/keyset-cursor.js';
import {
  MIN_REDEEMER_SEARCH,
  REDEEMER_TEXT,
  REDEEMED_BY_NAMES,
  redeemedBySql,
  type UsageType,
} from './access-code.types.js';
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

export type { SqlRunner };

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

/** A code's place in the list's keyset order: created_at at the precision it is stored, then id. */
const codeKey = (row: CodeRow) => [row.created_at_key, row.id] as const;

/**
 * A code's grouped form from its batch's format, as CODE_BATCH_JOIN (alias `b`) gives the fields;
 * an admin's own text (`c.display_text`) comes before it where one is shown.
 */
export const BATCH_DISPLAY_SQL =
  'admit_display_code(c.code, b.kind, b.prefix, b.len, b.group_size, b.check_char, b.custom_name, c.sequence_no)';

/** The list's columns; bench/batches.mjs times the same statement directly. */
const CODE_COLUMNS = `
  c.id, c.project_id, c.batch_id, c.product_id, c.plan_id, b.product_name, b.plan_name,
  c.code, coalesce(c.display_text, ${BATCH_DISPLAY_SQL}) as display,
  c.usage_type, c.max_redemptions, c.redemption_count, c.valid_from, c.valid_till, c.active,
  c.sequence_no, c.created_at, c.created_at::text as created_at_key, c.updated_at, b.custom_name`;

/**
 * Each code's batch, product and plan, looked up per row through a LATERAL subquery. The planner
 * runs it as a nested loop with Memoize (a cache keyed by batch id): one real look-up per batch,
 * and the rows keep the order of the index scan, so neither a page nor a million-row export
 * needs a sort. `offset 0` keeps the format fields from being re-read from JSON on every row.
 */
const CODE_BATCH_JOIN = `
  cross join lateral (
    select bb.custom_name, bb.format->>'kind' as kind, bb.format->>'prefix' as prefix, (bb.format->>'length')::int as len,
           (bb.format->>'groupSize')::int as group_size, coalesce((bb.format->>'checkChar')::boolean, false) as check_char,
           p.name as product_name, pl.name as plan_name,
           -- For CSV exports; computed here, once per batch, rather than on every row.
           admit_csv_safe(p.name) as product_name_csv, admit_csv_safe(pl.name) as plan_name_csv,
           -- Whether a Custom Name starts with a character a spreadsheet runs as a formula. A
           -- display form starts with the code's first character or the Custom Name's (a prefix
           -- shows only where the code starts with it), so only then, or when the code itself
           -- starts so, does the export pay for admit_csv_safe on a code.
           coalesce(bb.custom_name, '') ~ '^[=+@\\t\\r-]' as lead_unsafe
      from batches bb join products p on p.id = bb.product_id join plans pl on pl.id = bb.plan_id
     where bb.id = c.batch_id offset 0) b`;
const CODE_FROM = `from access_codes c ${CODE_BATCH_JOIN}`;

/**
 * A batch's creation order, `(created_at, coalesce(sequence_no, 0), id)`, as the index that
 * serves it spells it (see batchPage). Without numbers (no Custom Name) it is `(created_at, id)`.
 * `where` is the partial index's predicate, which every code of a Custom Name batch meets.
 */
const BATCH_ORDER = {
  plain: { columns: (t: string) => `${t}.created_at, ${t}.id`, where: '' },
  numbered: {
    columns: (t: string) => `${t}.created_at, coalesce(${t}.sequence_no, 0), ${t}.id`,
    where: '(c.sequence_no is not null or c.display_text is not null)',
  },
};

/** Above this many batches, a product/plan filter reads the project's index instead of each batch's. */
const MAX_BATCH_BRANCHES = 200;

/**
 * The ids of the project's codes that match a search, through two index paths combined: the
 * code by prefix (the unique `(project_id, code)` index; `code` is collation C, so a prefix is a
 * range) and live redeemers by substring of email, external id or name (the trigram index).
 * Never a subquery per code. Null when the text gives nothing to search for.
 */
export function searchIdsSql(
  projectId: string,
  q: string | undefined,
  normalisedQ: string | undefined,
): { sql: string; params: unknown[] } | null {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (normalisedQ) {
    parts.push(`select x.id from access_codes x where x.project_id = ? and x.code like ?`);
    params.push(projectId, `${likeLiteral(normalisedQ)}%`);
  }
  const text = q?.trim() ?? '';
  if (text.length >= MIN_REDEEMER_SEARCH) {
    parts.push(`select r.code_id from redemptions r
       where (${REDEEMER_TEXT}) ilike ? and r.project_id = ? and r.revoked_at is null`);
    params.push(`%${likeLiteral(text)}%`, projectId);
  }
  return parts.length ? { sql: parts.join(' union '), params } : null;
}

export interface CodeCounts {
  all: number;
  used: number;
  unused: number;
}

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

  /**
   * WHERE clause and parameters for the shared filters; `c` is access_codes. With
   * `batchColumns: false` the batch/product/plan filters are left to the caller (which reads
   * each selected batch's index), and with `project: false` the project too (the caller's
   * batches are the project's; a search still names it).
   */
  filterSql(
    projectId: string,
    f: CodeFiltersDto,
    normalisedQ?: string,
    { batchColumns = true, project = true }: { batchColumns?: boolean; project?: boolean } = {},
  ): { where: string[]; params: unknown[] } {
    const where = project ? ['c.project_id = ?'] : ['true'];
    const params: unknown[] = project ? [projectId] : [];
    // Without the project (a read of one batch's index), written so that the planner cannot match
    // it to the partial used index: that index has no batch column, and a read of one batch would
    // walk all of it (every used code of every project) with a filter.
    if (f.status === 'used') where.push(project ? 'c.redemption_count > 0' : 'c.redemption_count + 0 > 0');
    if (f.status === 'unused') where.push('c.redemption_count = 0');
    if (f.active !== undefined) where.push(f.active ? 'c.active = true' : 'c.active = false');
    if (f.expired === true) where.push('c.valid_till is not null and c.valid_till <= now()');
    if (f.expired === false) where.push('(c.valid_till is null or c.valid_till > now())');
    if (batchColumns) {
      for (const [column, value] of [
        ['batch_id', f.batchId],
        ['product_id', f.productId],
        ['plan_id', f.planId],
      ] as const) {
        if (!value) continue;
        where.push(`c.${column} = ?`);
        params.push(value);
      }
    }
    if (f.q?.trim()) {
      const search = searchIdsSql(projectId, f.q, normalisedQ);
      where.push(search ? `c.id in (${search.sql})` : 'false');
      if (search) params.push(...search.params);
    }
    return { where, params };
  }

  /**
   * The batches whose own index a batch/product/plan filter reads, or undefined when the page
   * reads a project index instead: no such filter, more batches than can be read one by one, or
   * a filter with a partial index of its own (`active=false`, `expired=true`: few codes of a
   * batch match, and reading the batch's index for them would walk the whole batch). A status
   * filter leaves out the batches whose counters say no code of theirs matches: a batch with no
   * used code is never walked for `status=used`; and `status=used` reads the project's partial
   * used index instead when few of the selected batches' codes are used (under 1 in 20) and they
   * hold more codes than the project has used ones. A search reads its own indexes once for the
   * project (each batch branch would run it again: 1.1 s for 10 batches at 10M codes, against
   * 58 ms once), and the batch/product/plan filter then applies to what it found.
   */
  async selectedBatches(run: SqlRunner, projectId: string, f: CodeFiltersDto): Promise<string[] | undefined> {
    if (!f.batchId && !f.productId && !f.planId) return undefined;
    if (f.q?.trim()) return undefined;
    if (f.active === false || f.expired === true) return undefined;
    const { where, params } = batchFilterSql(projectId, f);
    const having =
      f.status === 'used'
        ? 'having sum(k.used) > 0'
        : f.status === 'unused'
          ? 'having sum(k.total) > sum(k.used)'
          : '';
    const rows = await run<{ id: string; total: string; used: string }>(
      having
        ? `select b.id, sum(k.total) as total, sum(k.used) as used from batches b join access_code_counters k on k.batch_id = b.id
            where ${where.join(' and ')} group by b.id ${having} limit ${MAX_BATCH_BRANCHES + 1}`
        : `select b.id, 0 as total, 0 as used from batches b where ${where.join(' and ')} limit ${MAX_BATCH_BRANCHES + 1}`,
      params,
    );
    if (rows.length > MAX_BATCH_BRANCHES) return undefined;
    if (f.status === 'used') {
      // Two walks can find the used codes of these batches: their own indexes (every code of them
      // passes by) or the project's partial used index (every used code of the project passes
      // by, in runs per batch). The batches' own walk is kept while at least 1 code in 20 of
      // them is used, or while they hold fewer codes than the project has used ones.
      const codes = rows.reduce((n, r) => n + Number(r.total), 0);
      const used = rows.reduce((n, r) => n + Number(r.used), 0);
      if (codes > 20 * used) {
        const [all] = await run<{ used: string }>(
          `select coalesce(sum(k.used), 0) as used from batches b join access_code_counters k on k.batch_id = b.id
            where b.project_id = ?`,
          [projectId],
        );
        if (codes > Number(all.used)) return undefined;
      }
    }
    return rows.map((r) => r.id);
  }

  /**
   * One keyset page, newest first, always read from an index in the keyset's order and never
   * sorted beyond a page per batch. Without a batch filter: the project's `(project_id,
   * created_at, id)` index, or a partial one (used, inactive, expiring codes), read backwards from
   * the cursor. With one: the `(batch_id, created_at, id)` index of each selected batch, `limit +
   * 1` rows from each, merged. The per-batch reads name no project (the batches were selected in
   * it), so the planner has no project index to prefer for them: with the project's index it
   * walked every newer code of other batches to find a deep page of one.
   */
  async page(
    run: SqlRunner,
    projectId: string,
    f: CodeFiltersDto,
    normalisedQ: string | undefined,
    limit: number,
    cursor?: Cursor,
  ) {
    const batches = await this.selectedBatches(run, projectId, f);
    const { where, params } = this.filterSql(projectId, f, normalisedQ, {
      batchColumns: !batches,
      project: !batches,
    });
    if (cursor) {
      // The cursor's keys come in through a subselect, so the planner uses a generic estimate for
      // "older than the cursor" instead of the created_at histogram: with newer batches in the
      // project the histogram made that look rare, and a batch's deep page was once planned as a
      // bitmap scan of the rest of the batch and a sort (estimated 253 rows, read 1,519).
      where.push('(c.created_at, c.id) < (select ?::timestamptz, ?::uuid)');
      params.push(cursor.createdAt, cursor.id);
    }
    const order = 'order by c.created_at desc, c.id desc';
    let rows: CodeRow[];
    if (!batches) {
      rows = await run<CodeRow>(
        `select ${CODE_COLUMNS} ${CODE_FROM} where ${where.join(' and ')} ${order} limit ${limit + 1}`,
        params,
      );
    } else if (!batches.length) {
      rows = [];
    } else {
      // One branch per batch, each naming its batch as a value: the planner then estimates each
      // batch from its own statistics. (A LATERAL over an array of ids is planned once for an
      // average batch; where many small batches make that average small, it read a big batch
      // whole through a bitmap scan and sorted it instead of walking its index for a page.)
      const branches = batches.map(
        () => `(select c.* from access_codes c
              where c.batch_id = ?::uuid and ${where.join(' and ')}
              ${order} limit ${limit + 1})`,
      );
      rows = await run<CodeRow>(
        `select ${CODE_COLUMNS}
           from (${branches.join(' union all ')}) c
           ${CODE_BATCH_JOIN}
          ${order} limit ${limit + 1}`,
        batches.flatMap((batchId) => [batchId, ...params]),
      );
    }
    return keysetPage(rows, limit, codeKey);
  }

  /**
   * All / used / unused under the filters (status aside). Without a search or an
   * expired filter they come from the per-batch counters (`access_code_counters`, kept by
   * triggers): a sum over the selected batches' rows, whatever the number of codes. `active`
   * subtracts the inactive codes, read from their partial index. Otherwise the codes are counted,
   * bounded by the read pool's statement timeout.
   */
  async counts(
    run: SqlRunner,
    projectId: string,
    f: CodeFiltersDto,
    normalisedQ?: string,
  ): Promise<CodeCounts> {
    if (f.q?.trim() || f.expired !== undefined) {
      const { where, params } = this.filterSql(projectId, { ...f, status: undefined }, normalisedQ);
      const [row] = await run<{ all: string; used: string }>(
        `select count(*) as all, count(*) filter (where c.redemption_count > 0) as used
           from access_codes c where ${where.join(' and ')}`,
        params,
      );
      return countsOf(Number(row.all), Number(row.used));
    }
    const kept = await this.counted(run, projectId, f);
    if (f.active === undefined) return countsOf(Number(kept.all), Number(kept.used));
    const { where, params: inactiveParams } = this.filterSql(projectId, {
      ...f,
      status: undefined,
      active: false,
    });
    const [inactive] = await run<{ all: string; used: string }>(
      `select count(*) as all, count(*) filter (where c.redemption_count > 0) as used
         from access_codes c where ${where.join(' and ')}`,
      inactiveParams,
    );
    return f.active
      ? countsOf(Number(kept.all) - Number(inactive.all), Number(kept.used) - Number(inactive.used))
      : countsOf(Number(inactive.all), Number(inactive.used));
  }

  /** Sums of the counters of the batches a batch/product/plan filter selects. */
  private async counted(run: SqlRunner, projectId: string, f: CodeFiltersDto) {
    const { where, params } = batchFilterSql(projectId, f);
    const [row] = await run<{ all: string; used: string }>(
      `select coalesce(sum(k.total), 0) as all, coalesce(sum(k.used), 0) as used
         from batches b join access_code_counters k on k.batch_id = b.id
        where ${where.join(' and ')}`,
      params,
    );
    return row;
  }

  /** Codes and codes redeemed at least once, per batch, from the counters (a few rows per batch). */
  async batchCounters(
    run: SqlRunner,
    batchIds: string[],
  ): Promise<Map<string, { total: number; used: number }>> {
    const map = new Map<string, { total: number; used: number }>();
    if (!batchIds.length) return map;
    const rows = await run<{ batch_id: string; total: string; used: string }>(
      `select batch_id, sum(total) as total, sum(used) as used
         from access_code_counters where batch_id = any(?::uuid[]) group by batch_id`,
      [pgArray(batchIds)],
    );
    for (const row of rows) map.set(row.batch_id, { total: Number(row.total), used: Number(row.used) });
    return map;
  }

  /**
   * One page of a batch's codes in the order they were made: by creation time, then by number
   * (Custom Name codes come out MATHS1, MATHS2, … rather than in the random order of their ids;
   * an edited code, which has lost its number, counts as 0), then id. Every page is one index
   * scan in exactly that order, from the cursor on, never a sort of the batch:
   * - a batch without a Custom Name has no numbers, so the order is `(created_at, id)`: its
   *   `(batch_id, created_at, id)` index;
   * - a Custom Name batch reads `access_codes_batch_sequence_index`, `(batch_id, created_at,
   *   coalesce(sequence_no, 0), id)`, partial: only numbered codes and codes with an admin's own
   *   text (edited) take an entry, which are all the codes of a Custom Name batch, so a random
   *   bulk batch pays nothing for it on insert (docs/benchmarks.md, "Indexes").
   * The statement names the batch, not the project (the batch was looked up in the project
   * first): with `project_id` in it the planner may prefer the project's index with a filter.
   * The cursor names the last row of the previous page; its keys are read back by primary key.
   */
  async batchPage(
    run: SqlRunner,
    projectId: string,
    batchId: string,
    f: CodeFiltersDto,
    normalisedQ: string | undefined,
    limit: number,
    afterId?: string,
  ) {
    const [batch] = await run<{ custom_name: string | null }>(
      'select custom_name from batches where id = ? and project_id = ?',
      [batchId, projectId],
    );
    if (!batch) return { rows: [] as CodeRow[], nextCursor: null };
    const key = batch.custom_name !== null ? BATCH_ORDER.numbered : BATCH_ORDER.plain;
    const { where, params } = this.filterSql(projectId, f, normalisedQ, {
      batchColumns: false,
      project: false,
    });
    where.push('c.batch_id = ?');
    params.push(batchId);
    if (key.where) where.push(key.where);
    if (afterId) {
      where.push(
        `(${key.columns('c')}) > (select ${key.columns('x')} from access_codes x where x.id = ? and x.batch_id = ?)`,
      );
      params.push(afterId, batchId);
    }
    const rows = await run<CodeRow>(
      `select ${CODE_COLUMNS} ${CODE_FROM} where ${where.join(' and ')}
        order by ${key.columns('c')} limit ${limit + 1}`,
      params,
    );
    return keysetPage(rows, limit, codeKey);
  }

  /** Codes of a project (or of its batches of one product or plan), from the counters. */
  async codeCount(
    run: SqlRunner,
    projectId: string,
    f: { productId?: string; planId?: string } = {},
  ): Promise<number> {
    return Number((await this.counted(run, projectId, f)).all);
  }

  /**
   * Brings the planner's statistics of the codes table up to date after a bulk run added
   * `added` codes, when that is a noticeable share of the table (10 %, or the table was never
   * analysed): otherwise the first pages after a big batch are planned for a table that is not
   * there (a bitmap scan and a sort of the project's rows instead of the keyset index).
   * Returns whether it ran ANALYZE.
   */
  async refreshStatistics(run: SqlRunner, added: number): Promise<boolean> {
    if (added < 1000) return false;
    const [row] = await run<{ reltuples: number }>(
      `select reltuples from pg_class where oid = 'access_codes'::regclass`,
      [],
    );
    if (row.reltuples >= 0 && added < 0.1 * row.reltuples) return false;
    await run('analyze access_codes', []);
    return true;
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

  /**
   * Sets `active` on every code of the batch that is not so already and writes one `code_events`
   * row per code it changed (scope "batch"), in two set-based statements; returns the ids.
   */
  async setBatchActive(
    run: SqlRunner,
    projectId: string,
    batchId: string,
    active: boolean,
    actor: { userId: string; name: string },
  ): Promise<string[]> {
    const rows = await run<{ id: string }>(
      `update access_codes set active = ?, updated_at = now()
        where batch_id = ? and project_id = ? and active = ? returning id`,
      [active, batchId, projectId, !active],
    );
    if (rows.length) {
      await run(
        `insert into code_events (id, project_id, code_id, batch_id, type, actor_type, actor_id, actor_name, data)
         select gen_random_uuid(), ?, ids.id, ?, ?, 'user', ?, ?, '{"scope":"batch"}'::jsonb
           from unnest(?::uuid[]) as ids(id)`,
        [
          projectId,
          batchId,
          active ? 'activated' : 'deactivated',
          actor.userId,
          actor.name,
          pgArray(rows.map((r) => r.id)),
        ],
      );
    }
    return rows.map((r) => r.id);
  }

  /** One use of the code given back (a revoked redemption), and its `revoked` audit row. */
  async releaseUse(
    run: SqlRunner,
    use: {
      projectId: string;
      codeId: string;
      batchId: string;
      actor: { userId: string; name: string };
      data: Record<string, unknown>;
    },
  ): Promise<void> {
    await run(
      `with freed as (
         update access_codes c
            set redemption_count = c.redemption_count - 1,
                -- The export's "Redeemed By" from the oldest live redemptions left (the revoke that
                -- calls this has already marked its own in this transaction).
                redeemed_by = (select string_agg(${redeemedBySql('o')}, '; ' order by o.redeemed_at, o.id)
                                 from (select * from redemptions o
                                        where o.code_id = c.id and o.revoked_at is null
                                        order by o.redeemed_at, o.id limit ${REDEEMED_BY_NAMES}) o)
          where c.id = ? and c.project_id = ?
          returning c.id
       )
       insert into code_events (id, project_id, code_id, batch_id, type, actor_type, actor_id, actor_name, data)
       select gen_random_uuid(), ?, freed.id, ?, 'revoked', 'user', ?, ?, ?::jsonb from freed`,
      [
        use.codeId,
        use.projectId,
        use.projectId,
        use.batchId,
        use.actor.userId,
        use.actor.name,
        JSON.stringify(use.data),
      ],
    );
  }

  /** The batch a code was made in, and who asked for it (the first entry of the code's history). */
  async creation(
    run: SqlRunner,
    batchId: string,
  ): Promise<{
    id: string;
    mode: string;
    requested_count: number;
    created_by_name: string | null;
    by_user: boolean;
  }> {
    const [row] = await run<{
      id: string;
      mode: string;
      requested_count: number;
      created_by_name: string | null;
      by_user: boolean;
    }>(
      `select b.id, b.mode, b.requested_count, u.name as created_by_name, b.created_by_id is not null as by_user
         from batches b left join users u on u.id = b.created_by_id where b.id = ?`,
      [batchId],
    );
    return row;
  }

  /** Live redeemers of the given codes, oldest first. */
  async redeemers(run: SqlRunner, codeIds: string[]): Promise<Map<string, RedeemerRow[]>> {
    const map = new Map<string, RedeemerRow[]>();
    if (!codeIds.length) return map;
    const rows = await run<RedeemerRow>(
      `select code_id, learner_name, learner_email, learner_external_id, redeemed_at
         from redemptions where code_id = any(?::uuid[]) and revoked_at is null order by redeemed_at, id`,
      [pgArray(codeIds)],
    );
    for (const row of rows) map.set(row.code_id, [...(map.get(row.code_id) ?? []), row]);
    return map;
  }
}

/** The project's batches that a batch/product/plan filter selects; `b` is batches. */
function batchFilterSql(projectId: string, f: Pick<CodeFiltersDto, 'batchId' | 'productId' | 'planId'>) {
  const where = ['b.project_id = ?'];
  const params: unknown[] = [projectId];
  for (const [column, value] of [
    ['id', f.batchId],
    ['product_id', f.productId],
    ['plan_id', f.planId],
  ] as const) {
    if (!value) continue;
    where.push(`b.${column} = ?`);
    params.push(value);
  }
  return { where, params };
}

function countsOf(all: number, used: number): CodeCounts {
  return { all, used, unused: all - used };
}
