import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_READ_POOL } from '../../common/database/pg-pool.module.js';
import { readRunner } from '../../common/database/read-query.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { RedemptionStatsDto, RedemptionStatsQueryDto, StatsBucket } from './dto/redemption-stats.dto.js';
import { RedemptionStatsRepository } from './redemption-stats.repository.js';

const DAY_MS = 86_400_000;
/** The widest range one request may ask for, in buckets: a year of days, three years of weeks. */
export const MAX_BUCKETS: Record<StatsBucket, number> = { day: 366, week: 157 };
/** The range when none is given: the last 30 days, or the last 12 weeks. */
const DEFAULT_BUCKETS: Record<StatsBucket, number> = { day: 30, week: 12 };
/** PostgreSQL's answer to a time zone it does not know. */
const INVALID_PARAMETER_VALUE = '22023';

/** A date string to its UTC midnight in ms, or null when it is no calendar day (2026-02-30). */
function dayMs(date: string): number | null {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? null : ms;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An IANA zone name (not an offset like "+01:00", which PostgreSQL reads with the sign turned). */
export function checkTimeZone(tz: string): void {
  let ok = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz);
  if (ok) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
    } catch {
      ok = false;
    }
  }
  if (!ok) throw DomainError.validation('tz', `tz must be an IANA time zone such as Europe/Berlin`);
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(tz: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** GET /projects/:projectId/redemptions/stats: issued and redeemed codes per day or week. */
@Injectable()
export class RedemptionStatsService {
  @Inject(PG_READ_POOL) private readonly readPool!: pg.Pool;

  constructor(private readonly repo: RedemptionStatsRepository) {}

  async stats(
    projectId: string,
    query: RedemptionStatsQueryDto,
    signal?: AbortSignal,
  ): Promise<RedemptionStatsDto> {
    const bucket = query.bucket ?? 'day';
    const tz = query.tz ?? 'UTC';
    checkTimeZone(tz);
    const to = query.to ?? todayIn(tz);
    const toMs = dayMs(to);
    if (toMs === null) throw DomainError.validation('to', 'to is not a calendar date', 'invalid_date');
    const stepDays = bucket === 'week' ? 7 : 1;
    const from = query.from ?? isoDay(toMs - (DEFAULT_BUCKETS[bucket] - 1) * stepDays * DAY_MS);
    const fromMs = dayMs(from);
    if (fromMs === null) throw DomainError.validation('from', 'from is not a calendar date', 'invalid_date');
    if (fromMs > toMs) throw DomainError.validation('from', 'from must not be after to', 'too_large');
    const days = (toMs - fromMs) / DAY_MS + 1;
    if (Math.ceil(days / stepDays) > MAX_BUCKETS[bucket]) {
      throw DomainError.validation(
        'from',
        `The range is at most ${MAX_BUCKETS[bucket]} ${bucket}s; narrow it or use bucket=week`,
        'too_large',
      );
    }
    let rows;
    try {
      rows = await this.repo.buckets(readRunner(this.readPool, signal), {
        projectId,
        from,
        to,
        bucket,
        tz,
        productId: query.productId,
        planId: query.planId,
        batchId: query.batchId,
      });
    } catch (err) {
      if ((err as { code?: string }).code === INVALID_PARAMETER_VALUE)
        throw DomainError.validation(
          'tz',
          `tz must be a time zone the database knows, such as Europe/Berlin`,
        );
      throw err;
    }
    const buckets = rows.map((r) => ({
      start: r.start,
      issued: Number(r.issued),
      redeemed: Number(r.redeemed),
    }));
    return {
      from,
      to,
      bucket,
      tz,
      buckets,
      totals: {
        issued: buckets.reduce((sum, b) => sum + b.issued, 0),
        redeemed: buckets.reduce((sum, b) => sum + b.redeemed, 0),
      },
    };
  }
}
