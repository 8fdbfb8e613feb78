import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { Readable } from 'node:stream';
import { PG_POOL, PG_READ_POOL } from '../../common/database/pg-pool.module.js';
import { copyCsvOut } from '../../common/database/copy-out.js';
import { readRunner } from '../../common/database/read-query.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { decodeKeysetCursor } from '../../common/http/keyset-cursor.js';
import {
  BATCH_DISPLAY_SQL,
  CODE_FROM,
  AccessCodesRepository,
  type CodeCounts,
  type CodeRow,
  type SqlRunner,
} from './access-codes.repository.js';
import { normaliseSearch, REDEEMED_BY_NAMES } from './access-code.types.js';
import { toAccessCodeDto } from './access-code.view.js';
import type { AccessCodeListDto, CodeFiltersDto, ListCodesQueryDto } from './dto/access-code.dto.js';

/**
 * Codes in bulk, read only: the list's pages (a project's, a batch's) on the read pool, and the
 * CSV exports (the filtered codes, one batch) streamed by PostgreSQL. One code's reads and
 * writes are AccessCodesService's.
 */
@Injectable()
export class CodeListService {
  constructor(
    private readonly repo: AccessCodesRepository,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(PG_READ_POOL) private readonly readPool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One page of codes (and the counts when asked), read on the read pool: each statement is
   * bounded by its timeout and cancelled when `signal` says the client went away.
   */
  async list(projectId: string, query: ListCodesQueryDto, signal?: AbortSignal): Promise<AccessCodeListDto> {
    const run = readRunner(this.readPool, signal);
    const parts = query.cursor ? decodeKeysetCursor(query.cursor) : undefined;
    const cursor = parts && { createdAt: parts.at, id: parts.id };
    const q = normaliseSearch(query.q);
    const { rows, nextCursor } = await this.repo.page(run, projectId, query, q, query.limit ?? 50, cursor);
    const counts = query.counts ? await this.repo.counts(run, projectId, query, q) : undefined;
    return this.withRedeemers(run, rows, nextCursor, counts);
  }

  private async withRedeemers(
    run: SqlRunner,
    rows: CodeRow[],
    nextCursor: string | null,
    counts: CodeCounts | undefined,
  ): Promise<AccessCodeListDto> {
    const redeemers = await this.repo.redeemers(
      run,
      rows.filter((r) => r.redemption_count > 0).map((r) => r.id),
    );
    const items = rows.map((r) => toAccessCodeDto(r, redeemers.get(r.id)));
    return { items, nextCursor, ...(counts ? { counts } : {}) };
  }

  /** GET …/batches/:batchId/codes: the batch's codes in the order they were made, with the list's filters. */
  async listBatch(
    projectId: string,
    batchId: string,
    query: ListCodesQueryDto,
    signal?: AbortSignal,
  ): Promise<AccessCodeListDto> {
    const run = readRunner(this.readPool, signal);
    const afterId = query.cursor ? decodeKeysetCursor(query.cursor).id : undefined;
    const q = normaliseSearch(query.q);
    // A batch has one product and plan: the page reads none of those filters, so neither do its counts.
    const filters = { ...query, batchId, productId: undefined, planId: undefined };
    const { rows, nextCursor } = await this.repo.batchPage(
      run,
      projectId,
      batchId,
      filters,
      q,
      query.limit ?? 50,
      afterId,
    );
    return this.withRedeemers(
      run,
      rows,
      nextCursor,
      query.counts ? await this.repo.counts(run, projectId, filters, q) : undefined,
    );
  }

  /**
   * The filtered codes as CSV, streamed by PostgreSQL itself (COPY … TO STDOUT): no row is held
   * in Node, so memory stays flat on millions of codes. Cells that a spreadsheet would run as a
   * formula are prefixed with a quote (admit_csv_safe).
   */
  async exportCsv(projectId: string, filters: CodeFiltersDto): Promise<Readable> {
    const { where, params } = this.repo.filterSql(projectId, filters, normaliseSearch(filters.q));
    return this.copyOut(exportQuery(where.join(' and '), 'c.created_at desc, c.id desc'), params);
  }

  /** One batch as CSV, in numbering order. */
  async exportBatchCsv(projectId: string, batchId: string): Promise<Readable> {
    return this.copyOut(
      exportQuery('c.project_id = ? and c.batch_id = ?', 'c.sequence_no nulls last, c.code'),
      [projectId, batchId],
    );
  }

  private copyOut(sql: string, params: unknown[]): Promise<Readable> {
    return copyCsvOut(this.pool, sql, params, this.config.db.exportStatementTimeoutMs);
  }
}

/** The export's columns: the seed's (Created Date … Redeemed By) plus product, plan, batch and counts. */
export function exportQuery(where: string, orderBy: string): string {
  return `select
      to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "Created Date",
      -- A display form starts with the code's or the Custom Name's first character; an admin's
      -- own text (display_text) can start with anything.
      case when c.display_text is not null then admit_csv_safe(c.display_text)
        when ascii(c.code) in (9, 13, 43, 45, 61, 64) or b.lead_unsafe
        then admit_csv_safe(${BATCH_DISPLAY_SQL})
        else ${BATCH_DISPLAY_SQL} end as "Code",
      b.product_name_csv as "Product",
      b.plan_name_csv as "Plan",
      c.batch_id as "Batch",
      to_char(c.valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "Valid From",
      to_char(c.valid_till at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "Valid Till",
      c.usage_type as "Usage Type",
      c.max_redemptions as "Max Redemptions",
      case when c.active then 'yes' else 'no' end as "Active",
      case when c.redemption_count = 0 then 'unused'
           when c.usage_type = 'multiple' and c.max_redemptions is not null and c.redemption_count >= c.max_redemptions then 'exhausted'
           else 'used' end as "Status",
      c.redemption_count as "Redemptions",
      -- Kept on the code by the claim and revoke: no look-up in redemptions, and no correlated
      -- subquery, so PostgreSQL may compute these columns in its parallel workers.
      -- admit_csv_safe's test without its regular expression (a redeemer in every row of a used-codes export).
      case when ascii(c.redeemed_by) in (9, 13, 43, 45, 61, 64) then '''' || c.redeemed_by
           else c.redeemed_by end
        || case when c.redemption_count > ${REDEEMED_BY_NAMES}
             then '; … and ' || (c.redemption_count - ${REDEEMED_BY_NAMES}) || ' more' else '' end as "Redeemed By"
    ${CODE_FROM}
    where ${where}
    order by ${orderBy}`;
}
