import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { Readable } from 'node:stream';
import { copyCsvOut } from '../../common/database/copy-out.js';
import { PG_POOL, PG_READ_POOL } from '../../common/database/pg-pool.module.js';
import { readRunner } from '../../common/database/read-query.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { normaliseSearch } from '../access-codes/access-code.types.js';
import { decodeKeysetCursor, keysetPage } from '../../common/http/keyset-cursor.js';
import { type RedemptionListDto, toRedemptionLogItemDto } from './dto/redemption.dto.js';
import {
  type RedemptionCursor,
  type RedemptionFilter,
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

function decodeCursor(cursor: string): RedemptionCursor {
  const { at, id } = decodeKeysetCursor(cursor);
  return { redeemedAt: new Date(at), id };
}

/** The redemption log of a project: its pages (on the read pool) and its CSV export (one COPY). */
@Injectable()
export class RedemptionLogService {
  constructor(
    private readonly repo: RedemptionsRepository,
    /** The log's reads: the read pool (statement timeout, own connections). */
    @Inject(PG_READ_POOL) private readonly readPool: pg.Pool,
    /** The export's COPY, like the codes export's: the main pool, with the export's timeout. */
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** GET /projects/:projectId/redemptions: one page of the log, newest first. */
  async list(projectId: string, query: RedemptionLogQuery, signal?: AbortSignal): Promise<RedemptionListDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const filter = this.filterOf(projectId, query);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repo.page(readRunner(this.readPool, signal), filter, limit + 1, after);
    // Redemption times are stored cut to milliseconds (see the repository), so ISO strings hold them exactly.
    const page = keysetPage(rows, limit, (row) => [row.redeemed_at.toISOString(), row.id]);
    return { items: page.rows.map(toRedemptionLogItemDto), nextCursor: page.nextCursor };
  }

  /**
   * GET /projects/:projectId/redemptions/export.csv: every matching row, streamed by PostgreSQL
   * itself (COPY … TO STDOUT, as the codes export), so memory stays flat however long the log is.
   */
  exportCsv(projectId: string, query: Omit<RedemptionLogQuery, 'limit' | 'cursor'>): Promise<Readable> {
    const { sql, params } = this.repo.exportSql(this.filterOf(projectId, query));
    return copyCsvOut(this.pool, sql, params, this.config.db.exportStatementTimeoutMs);
  }

  private filterOf(projectId: string, query: { q?: string; from?: string; to?: string }): RedemptionFilter {
    const filter: RedemptionFilter = {
      projectId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const q = query.q?.trim();
    if (q) filter.search = { text: q, code: normaliseSearch(q) };
    return filter;
  }
}
