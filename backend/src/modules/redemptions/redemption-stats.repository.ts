import { Injectable } from '@nestjs/common';
import type { SqlRunner } from '../../common/database/read-query.js';
import type { StatsBucket } from './dto/redemption-stats.dto.js';

export interface StatsFilter {
  projectId: string;
  /** First and last local day (YYYY-MM-DD), inclusive. */
  from: string;
  to: string;
  bucket: StatsBucket;
  tz: string;
  productId?: string;
  planId?: string;
  batchId?: string;
}

export interface StatsRow {
  start: string;
  issued: string;
  redeemed: string;
}

/**
 * Issued and redeemed codes per day or week, for the console's chart, in ONE statement:
 * `generate_series` lays out every bucket of the range (so empty days come back as zeros and
 * the console draws no gaps), each bucket's bounds are local midnights turned into instants with
 * `at time zone` (a 23- or 25-hour day at a DST change stays one day), and the two aggregates are
 * joined onto it.
 *
 * - Redeemed: live redemptions by `redeemed_at`, read from the `(project_id, redeemed_at, id)`
 *   index over the range only; the range is bounded by the service, so the cost is bounded.
 * - Issued: codes per batch from `access_code_counters` (a few rows per batch, never a scan of
 *   the codes), bucketed by the batch's creation time: a bulk batch counts on the day it was
 *   asked for.
 */
@Injectable()
export class RedemptionStatsRepository {
  async buckets(run: SqlRunner, f: StatsFilter): Promise<StatsRow[]> {
    const step = f.bucket === 'week' ? '1 week' : '1 day';
    const redemptionWhere: string[] = [];
    const batchWhere: string[] = [];
    const redemptionParams: unknown[] = [];
    const batchParams: unknown[] = [];
    for (const [column, value] of [
      ['product_id', f.productId],
      ['plan_id', f.planId],
      ['batch_id', f.batchId],
    ] as const) {
      if (!value) continue;
      redemptionWhere.push(`and r.${column} = ?`);
      redemptionParams.push(value);
      batchWhere.push(`and b.${column === 'batch_id' ? 'id' : column} = ?`);
      batchParams.push(value);
    }
    return run<StatsRow>(
      `with series as (
         select g as local_start,
                g at time zone ? as starts,
                (g + ?::interval) at time zone ? as ends
           from generate_series(date_trunc(?, ?::date::timestamp), ?::date::timestamp, ?::interval) g
       ), span as (
         select min(starts) as lo, max(ends) as hi from series
       ), redeemed as (
         select date_trunc(?, r.redeemed_at at time zone ?) as local_start, count(*) as n
           from redemptions r, span
          where r.project_id = ? and r.redeemed_at >= span.lo and r.redeemed_at < span.hi
            and r.revoked_at is null ${redemptionWhere.join(' ')}
          group by 1
       ), issued as (
         select date_trunc(?, b.created_at at time zone ?) as local_start, sum(k.total) as n
           from batches b join access_code_counters k on k.batch_id = b.id, span
          where b.project_id = ? and b.created_at >= span.lo and b.created_at < span.hi
            ${batchWhere.join(' ')}
          group by 1
       )
       select to_char(s.local_start, 'YYYY-MM-DD') as start,
              coalesce(i.n, 0)::text as issued, coalesce(r.n, 0)::text as redeemed
         from series s
         left join issued i on i.local_start = s.local_start
         left join redeemed r on r.local_start = s.local_start
        order by s.local_start`,
      [
        f.tz,
        step,
        f.tz,
        f.bucket,
        f.from,
        f.to,
        step,
        f.bucket,
        f.tz,
        f.projectId,
        ...redemptionParams,
        f.bucket,
        f.tz,
        f.projectId,
        ...batchParams,
      ],
    );
  }
}
