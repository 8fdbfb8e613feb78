import { Inject, Injectable } from '@nestjs/common';
import { normalizeCode } from '@admit/codes';
import type pg from 'pg';
import { Readable } from 'node:stream';
import { PG_READ_POOL } from '../../common/database/pg-pool.module.js';
import { readRunner } from '../../common/database/read-query.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../common/http/keyset-cursor.js';
import { type RedemptionListDto, toRedemptionLogItemDto } from './dto/redemption.dto.js';
import {
  type RedemptionCursor,
  type RedemptionFilter,
  type RedemptionRow,
  RedemptionsRepository,
} from './redemptions.repository.js';

export interface RedemptionLogQuery {
  q?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

const DEFAULT_PAGE = 50;
const EXPORT_PAGE = 1000;

// Redemption times are stored cut to milliseconds (see the repository), so ISO strings hold them exactly.
function encodeCursor(row: RedemptionRow): string {
  return encodeKeysetCursor(row.redeemed_at.toISOString(), row.id);
}

function decodeCursor(cursor: string): RedemptionCursor {
  const { at, id } = decodeKeysetCursor(cursor);
  return { redeemedAt: new Date(at), id };
}

/**
 * A cell a spreadsheet will not run: values starting with = + - @ tab or CR get a leading
 * apostrophe (OWASP's CSV injection advice), then the cell is quoted when it needs to be.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Seconds, UTC, like the codes export ("Created Date"): a spreadsheet reads it as one value. */
const csvTime = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 19)}Z` : null);

/** The same header style as the codes export: Title Case words, the code as people read it. */
const CSV_COLUMNS = [
  'Redeemed At',
  'Code',
  'Product',
  'Plan',
  'Learner Id',
  'Learner Email',
  'Learner Name',
  'Channel',
  'API Key',
  'IP',
  'User Agent',
  'Access Until',
  'Revoked At',
  'Revoke Reason',
  'Redemption Id',
];

function csvLine(row: RedemptionRow): string {
  return `${[
    csvTime(row.redeemed_at),
    row.display ?? row.code,
    row.product_name,
    row.plan_name,
    row.learner_external_id,
    row.learner_email,
    row.learner_name,
    row.channel,
    row.api_key_name,
    row.ip,
    row.user_agent,
    csvTime(row.access_until),
    csvTime(row.revoked_at),
    row.revoke_reason,
    row.id,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

/** The redemption log of a project: its pages and its CSV export, read on the read pool. */
@Injectable()
export class RedemptionLogService {
  constructor(
    private readonly repo: RedemptionsRepository,
    /** The log's reads: the read pool (statement timeout, own connections). */
    @Inject(PG_READ_POOL) private readonly readPool: pg.Pool,
  ) {}

  /** GET /projects/:projectId/redemptions: one page of the log, newest first. */
  async list(projectId: string, query: RedemptionLogQuery, signal?: AbortSignal): Promise<RedemptionListDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const filter = this.filterOf(projectId, query);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repo.page(readRunner(this.readPool, signal), filter, limit + 1, after);
    const page = rows.slice(0, limit);
    return {
      items: page.map(toRedemptionLogItemDto),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /**
   * GET /projects/:projectId/redemptions/export.csv: every matching row, streamed page by page
   * (keyset, 1,000 rows a query), so memory stays flat however long the log is.
   */
  async exportCsv(projectId: string, query: Omit<RedemptionLogQuery, 'limit' | 'cursor'>): Promise<Readable> {
    const filter = this.filterOf(projectId, query);
    const repo = this.repo;
    const run = readRunner(this.readPool);
    async function* lines(): AsyncGenerator<string> {
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      let after: RedemptionCursor | undefined;
      for (;;) {
        const rows = await repo.page(run, filter, EXPORT_PAGE, after);
        if (rows.length) yield rows.map(csvLine).join('');
        if (rows.length < EXPORT_PAGE) return;
        const last = rows[rows.length - 1];
        after = { redeemedAt: last.redeemed_at, id: last.id };
      }
    }
    return Readable.from(lines());
  }

  private filterOf(projectId: string, query: { q?: string; from?: string; to?: string }): RedemptionFilter {
    const filter: RedemptionFilter = {
      projectId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const q = query.q?.trim();
    if (q) filter.search = { text: q, code: normalizeCode(q) || undefined };
    return filter;
  }
}
