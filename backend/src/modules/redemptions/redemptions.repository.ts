import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import type { SqlRunner } from '../../common/database/read-query.js';
import { likeLiteral } from '../../common/database/sql.js';
import {
  type ActorType,
  type BatchFormat,
  displayCodeSql,
  MIN_REDEEMER_SEARCH,
  REDEEMER_TEXT,
  REDEEMED_BY_NAMES,
  redeemerLabelSql,
} from '../access-codes/access-code.types.js';
import { subscribedSql } from '../webhooks/webhook.types.js';
import type { RedemptionChannel } from './redemption.entity.js';

/** A redemption as the API shows it: the row with its code, product and plan names. */
export interface RedemptionRow {
  id: string;
  project_id: string;
  code_id: string;
  batch_id: string;
  product_id: string;
  plan_id: string;
  code: string;
  product_name: string | null;
  plan_name: string | null;
  access_days: number | null;
  learner_external_id: string;
  learner_email: string | null;
  learner_name: string | null;
  channel: RedemptionChannel;
  api_key_id: string | null;
  api_key_name: string | null;
  actor_user_id: string | null;
  ip: string | null;
  user_agent: string | null;
  access_until: Date | null;
  redeemed_at: Date;
  revoked_at: Date | null;
  revoked_by_id: string | null;
  revoke_reason: string | null;
  /** The code grouped as the codes list shows it (the log's rows only). */
  display?: string;
}

/** What it takes to tell why a code cannot be redeemed (or that it can), read in one statement. */
export interface CodeStateRow {
  id: string;
  batch_id: string;
  code: string;
  product_id: string;
  plan_id: string;
  product_name: string | null;
  plan_name: string | null;
  access_days: number | null;
  usage_type: 'single' | 'multiple';
  max_redemptions: number | null;
  redemption_count: number;
  valid_from: Date | null;
  valid_till: Date | null;
  active: boolean;
  created_at: Date;
  /** The code as people read it: the admin's own text for an edited code, else its grouped form (the SQL display rule). */
  display: string;
  not_yet_valid: boolean;
  expired: boolean;
  used_up: boolean;
  held_by_learner: boolean;
  /** When this learner redeemed the code (their live redemption), or null. */
  held_since: Date | null;
}

export interface ClaimInput {
  id: string;
  projectId: string;
  code: string;
  learnerExternalId: string;
  learnerEmail: string | null;
  learnerName: string | null;
  channel: RedemptionChannel;
  apiKeyId: string | null;
  apiKeyName: string | null;
  actorUserId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Who the audit entry names. */
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
}

/** A claimed redemption, and whether any webhook endpoint of the project listens to `code.redeemed`. */
export interface ClaimedRow extends RedemptionRow {
  webhooks_subscribed: boolean;
}

/** Nothing claimed (see `claim`). */
export interface EmptyClaim {
  id: null;
  webhooks_subscribed: boolean;
}

/**
 * Runs one statement (`$n` placeholders) and returns its rows; `name` lets a raw `pg` client
 * prepare it once per connection (node-postgres does that for `{ name, text, values }`).
 */
export type ClaimRunner = <T>(name: string, text: string, values: unknown[]) => Promise<T[]>;

/** A ClaimRunner on a raw pg pool or client: named, so prepared once per connection. */
export function preparedOn(db: { query: pg.Pool['query'] }): ClaimRunner {
  return async <T>(name: string, text: string, values: unknown[]) =>
    (await db.query({ name, text, values })).rows as T[];
}

/** A ClaimRunner in a MikroORM transaction (unnamed: the ORM's driver does not prepare). */
export function emClaimRunner(em: EntityManager): ClaimRunner {
  return <T>(_name: string, text: string, values: unknown[]) => {
    // `?` placeholders are positional: one value per occurrence, in the order they appear.
    const params: unknown[] = [];
    const sql = text.replace(/\$(\d+)/g, (_m, n: string) => {
      params.push(values[Number(n) - 1]);
      return '?';
    });
    return em.execute<T[]>(sql, params as never[]);
  };
}

export interface RedemptionFilter {
  projectId: string;
  /**
   * A search: codes starting with `code` (the text normalised as a code), or redeemers whose
   * email, external id or name contain `text`, case-insensitively.
   */
  search?: { text: string; code: string | undefined };
  from?: Date;
  to?: Date;
}

export interface RedemptionCursor {
  redeemedAt: Date;
  id: string;
}

/** Raw statements hand back timestamps as text (MikroORM's type parsers); rows carry dates. */
function asDate(value: Date | string | null): Date | null {
  return value === null || value instanceof Date ? value : new Date(value);
}

function redemptionRow(row: RedemptionRow): RedemptionRow {
  return {
    ...row,
    access_until: asDate(row.access_until),
    redeemed_at: asDate(row.redeemed_at) as Date,
    revoked_at: asDate(row.revoked_at),
  };
}

function codeStateRow(row: CodeStateRow): CodeStateRow {
  return {
    ...row,
    valid_from: asDate(row.valid_from),
    valid_till: asDate(row.valid_till),
    held_since: asDate(row.held_since),
    created_at: asDate(row.created_at) as Date,
  };
}

const REDEMPTION_COLUMNS = `r.id, r.project_id, r.code_id, r.batch_id, r.product_id, r.plan_id,
  r.learner_external_id, r.learner_email, r.learner_name, r.channel, r.api_key_id, r.api_key_name,
  r.actor_user_id, r.ip, r.user_agent, r.access_until, r.redeemed_at, r.revoked_at, r.revoked_by_id,
  r.revoke_reason`;

/**
 * The `now()` written into redemption timestamps, cut to milliseconds: JavaScript dates hold
 * milliseconds, and the log's keyset cursor carries `redeemed_at` through one, so a stored
 * microsecond would make the next page skip or repeat rows.
 */
const NOW_MS = `date_trunc('milliseconds', now())`;

const CLAIM_STATEMENT = 'admit_redemption_claim';

/** The log's rows: a redemption with its code (and batch, for the display form), product and plan. */
const LOG_FROM = `from redemptions r
         join access_codes c on c.id = r.code_id
         join batches b on b.id = r.batch_id
         left join products pr on pr.id = r.product_id
         left join plans pl on pl.id = r.plan_id`;

/** A redeemer as the CSV export's "Redeemed By" names them, from the claim's parameters. */
const REDEEMED_BY_PARAMS = redeemerLabelSql('$8::varchar', '$7::varchar', '$6::varchar');

/** See `RedemptionsRepository.claim`. `$2` (withOutbox) false: claim only if no webhook listens. */
const CLAIM_SQL = `with hooked as (
         select ${subscribedSql('$1::uuid', 'code.redeemed')} as subscribed
       ), claimed as (
         update access_codes
            set redemption_count = redemption_count + 1, last_redeemed_at = now(),
                -- The export's "Redeemed By", kept on the code (appended under the row lock) while
                -- it names fewer than REDEEMED_BY_NAMES live redeemers.
                redeemed_by = case when redeemed_by is null or redemption_count = 0 then ${REDEEMED_BY_PARAMS}
                  when redemption_count < ${REDEEMED_BY_NAMES} then redeemed_by || '; ' || ${REDEEMED_BY_PARAMS}
                  else redeemed_by end
          where project_id = $1 and code = $3
            and active
            and (valid_from is null or valid_from <= now())
            and (valid_till is null or valid_till > now())
            and (max_redemptions is null or redemption_count < max_redemptions)
            and ($2 or not (select subscribed from hooked))
          returning id, batch_id, product_id, plan_id, code
       ), inserted as (
         insert into redemptions (id, project_id, code_id, batch_id, product_id, plan_id,
           learner_external_id, learner_email, learner_name, channel, api_key_id, api_key_name,
           actor_user_id, ip, user_agent, access_until, redeemed_at)
         select $4, $5, c.id, c.batch_id, c.product_id, c.plan_id, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                ${NOW_MS} + pl.access_days * interval '1 day', ${NOW_MS}
           from claimed c left join plans pl on pl.id = c.plan_id
         returning *
       ), audited as (
         insert into code_events (id, project_id, code_id, batch_id, type, actor_type, actor_id,
           actor_name, data, created_at)
         select gen_random_uuid(), i.project_id, i.code_id, i.batch_id, 'redeemed', $15, $16, $17,
                jsonb_build_object('redemptionId', i.id, 'learnerExternalId', i.learner_external_id,
                                   'learnerEmail', i.learner_email, 'channel', i.channel),
                i.redeemed_at
           from inserted i
       )
       select ${REDEMPTION_COLUMNS}, c.code, pr.name as product_name, pl.name as plan_name, pl.access_days,
              h.subscribed as webhooks_subscribed
         from hooked h
         left join (inserted r
           join claimed c on c.id = r.code_id
           left join products pr on pr.id = r.product_id
           left join plans pl on pl.id = r.plan_id) on true`;

/**
 * The hot path of redemption, written as set-based SQL because the decision must be ONE
 * conditional statement in the database: the ORM's read-modify-write would let two concurrent
 * requests both see a free single-use code.
 */
@Injectable()
export class RedemptionsRepository {
  /**
   * Takes one use of the code, records the redemption and its audit entry, in ONE statement (one
   * round trip, atomic on its own, so it needs no BEGIN/COMMIT around it). The UPDATE's WHERE is
   * the whole rule (active, within validity, uses left); concurrent claims of the same code queue
   * on its row lock and each re-checks the WHERE against the committed count, so a single-use
   * code is claimed once and `max_redemptions` is never passed. The partial unique index
   * `redemptions_learner_live_unique` refuses a learner's second live redemption of a code (the
   * caller turns that into `already_redeemed_by_learner`, and the failed statement takes its
   * increment with it).
   *
   * The answer is always one row: `webhooks_subscribed` says whether a webhook listens to
   * `code.redeemed`, and `id` is null when nothing was claimed. Nothing is claimed when the code is
   * unknown or cannot be redeemed now (`state` tells which) — or, with `withOutbox` false, when a
   * webhook listens: the webhook's outbox row must commit with the redemption, so the caller then
   * claims again inside a transaction that writes it (`withOutbox` true).
   *
   * Prepared under a fixed name (parsed and planned once per connection) when `run` supports it.
   */
  async claim(run: ClaimRunner, input: ClaimInput, withOutbox: boolean): Promise<ClaimedRow | EmptyClaim> {
    const rows = await run<ClaimedRow>(CLAIM_STATEMENT, CLAIM_SQL, [
      input.projectId,
      withOutbox,
      input.code,
      input.id,
      input.projectId,
      input.learnerExternalId,
      input.learnerEmail,
      input.learnerName,
      input.channel,
      input.apiKeyId,
      input.apiKeyName,
      input.actorUserId,
      input.ip,
      input.userAgent,
      input.actorType,
      input.actorId,
      input.actorName,
    ]);
    const row = rows[0];
    if (!row.id) return { id: null, webhooks_subscribed: row.webhooks_subscribed };
    return { ...redemptionRow(row), webhooks_subscribed: row.webhooks_subscribed };
  }

  /**
   * The code as it is now, with the verdicts computed against the database clock (the same clock
   * the claim used), and whether this learner already holds a live redemption of it.
   */
  async state(
    em: EntityManager,
    projectId: string,
    code: string,
    learnerExternalId: string | null,
  ): Promise<CodeStateRow | null> {
    const rows = await em.execute<CodeStateRow[]>(
      `select c.id, c.batch_id, c.code, c.product_id, c.plan_id, pr.name as product_name,
              pl.name as plan_name, pl.access_days, c.usage_type, c.max_redemptions,
              c.redemption_count, c.valid_from, c.valid_till, c.active, c.created_at,
              ${displayCodeSql('c', 'b')} as display,
              coalesce(c.valid_from > now(), false) as not_yet_valid,
              coalesce(c.valid_till <= now(), false) as expired,
              coalesce(c.redemption_count >= c.max_redemptions, false) as used_up,
              (?::text is not null and exists (
                 select 1 from redemptions r
                  where r.code_id = c.id and r.learner_external_id = ? and r.revoked_at is null
              )) as held_by_learner,
              (select r.redeemed_at from redemptions r
                where ?::text is not null and r.code_id = c.id and r.learner_external_id = ?
                  and r.revoked_at is null
                limit 1) as held_since
         from access_codes c
         join batches b on b.id = c.batch_id
         left join products pr on pr.id = c.product_id
         left join plans pl on pl.id = c.plan_id
        where c.project_id = ? and c.code = ?`,
      [learnerExternalId, learnerExternalId, learnerExternalId, learnerExternalId, projectId, code],
    );
    return rows[0] ? codeStateRow(rows[0]) : null;
  }

  /**
   * The formats this project's codes were made in (its batches', and its default for new
   * batches), so an unknown code can be told apart from a mistyped one.
   */
  async codeFormats(em: EntityManager, projectId: string): Promise<Partial<BatchFormat>[]> {
    const rows = await em.execute<{ format: Partial<BatchFormat> | string }[]>(
      `select distinct format from (
         select b.format::jsonb as format from batches b where b.project_id = ?
         union all
         select jsonb_strip_nulls(jsonb_build_object(
                  'kind', coalesce(p.code_format->>'kind', 'random'), 'length', p.code_format->'length',
                  'groupSize', p.code_format->'groupSize', 'checkChar', p.code_format->'checkChar',
                  'prefix', p.code_format->'prefix'))
           from projects p where p.id = ?
       ) f`,
      [projectId, projectId],
    );
    return rows.map((r) => (typeof r.format === 'string' ? JSON.parse(r.format) : r.format));
  }

  /**
   * Revokes a live redemption: concurrent revokes of the same redemption queue on its row and
   * only the first matches `revoked_at is null`, so only it goes on to give the use back to the
   * code (CodeUsesService.release, in the same transaction).
   */
  async revoke(
    em: EntityManager,
    input: { projectId: string; redemptionId: string; userId: string; reason: string },
  ): Promise<RedemptionRow | null> {
    const rows = await em.execute<RedemptionRow[]>(
      `with revoked as (
         update redemptions
            set revoked_at = ${NOW_MS}, revoked_by_id = ?, revoke_reason = ?
          where id = ? and project_id = ? and revoked_at is null
          returning *
       )
       select ${REDEMPTION_COLUMNS}, c.code, pr.name as product_name, pl.name as plan_name, pl.access_days
         from revoked r
         join access_codes c on c.id = r.code_id
         left join products pr on pr.id = r.product_id
         left join plans pl on pl.id = r.plan_id`,
      [input.userId, input.reason, input.redemptionId, input.projectId],
    );
    return rows[0] ? redemptionRow(rows[0]) : null;
  }

  async exists(em: EntityManager, projectId: string, redemptionId: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      'select id from redemptions where id = ? and project_id = ?',
      [redemptionId, projectId],
    );
    return rows.length > 0;
  }

  /**
   * One page of the redemption log, newest first, by keyset on (redeemed_at, id): the index
   * (project_id, redeemed_at, id) is read backwards from the cursor, so a page costs the same on
   * the millionth row as on the first.
   */
  async page(
    run: SqlRunner,
    filter: RedemptionFilter,
    limit: number,
    after?: RedemptionCursor,
  ): Promise<RedemptionRow[]> {
    const { where, params } = this.filterSql(filter);
    if (after) {
      where.push('(r.redeemed_at, r.id) < (?, ?)');
      params.push(after.redeemedAt, after.id);
    }
    params.push(limit);
    const rows = await run<RedemptionRow>(
      `select ${REDEMPTION_COLUMNS}, c.code, pr.name as product_name, pl.name as plan_name, pl.access_days,
              ${displayCodeSql('c', 'b')} as display
         ${LOG_FROM}
        where ${where.join(' and ')}
        order by r.redeemed_at desc, r.id desc
        limit ?`,
      params,
    );
    return rows.map(redemptionRow);
  }

  /**
   * The log's CSV export as one query (for `COPY … TO STDOUT`, see copyCsvOut), newest first as
   * the pages are: the columns are the header, times in UTC seconds, and every text cell that a
   * spreadsheet would run as a formula gets a leading apostrophe (admit_csv_safe).
   */
  exportSql(filter: RedemptionFilter): { sql: string; params: unknown[] } {
    const { where, params } = this.filterSql(filter);
    const time = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
    return {
      sql: `select ${time('r.redeemed_at')} as "Redeemed At",
              admit_csv_safe(coalesce(${displayCodeSql('c', 'b')}, c.code)) as "Code",
              admit_csv_safe(pr.name) as "Product",
              admit_csv_safe(pl.name) as "Plan",
              admit_csv_safe(r.learner_external_id) as "Learner Id",
              admit_csv_safe(r.learner_email) as "Learner Email",
              admit_csv_safe(r.learner_name) as "Learner Name",
              admit_csv_safe(r.channel) as "Channel",
              admit_csv_safe(r.api_key_name) as "API Key",
              admit_csv_safe(r.ip) as "IP",
              admit_csv_safe(r.user_agent) as "User Agent",
              ${time('r.access_until')} as "Access Until",
              ${time('r.revoked_at')} as "Revoked At",
              admit_csv_safe(r.revoke_reason) as "Revoke Reason",
              r.id as "Redemption Id"
         ${LOG_FROM}
        where ${where.join(' and ')}
        order by r.redeemed_at desc, r.id desc`,
      params,
    };
  }

  /** The log's filter (project, search, period) as conditions on `r` and their parameters. */
  private filterSql(filter: RedemptionFilter): { where: string[]; params: unknown[] } {
    const where = ['r.project_id = ?'];
    const params: unknown[] = [filter.projectId];
    if (filter.search) {
      // The same two index paths as the codes list's search (codes by prefix, redeemers by
      // trigram), here giving redemption ids.
      const parts: string[] = [];
      if (filter.search.code) {
        parts.push(`select r2.id from access_codes x join redemptions r2 on r2.code_id = x.id
           where x.project_id = ? and x.code like ?`);
        params.push(filter.projectId, `${likeLiteral(filter.search.code)}%`);
      }
      if (filter.search.text.length >= MIN_REDEEMER_SEARCH) {
        parts.push(`select r3.id from redemptions r3 where (${REDEEMER_TEXT}) ilike ? and r3.project_id = ?`);
        params.push(`%${likeLiteral(filter.search.text)}%`, filter.projectId);
      }
      where.push(parts.length ? `r.id in (${parts.join(' union ')})` : 'false');
    }
    if (filter.from) {
      where.push('r.redeemed_at >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('r.redeemed_at < ?');
      params.push(filter.to);
    }
    return { where, params };
  }

  /** The latest redemptions of one code, live and revoked. */
  async forCode(em: EntityManager, codeId: string, limit: number): Promise<RedemptionRow[]> {
    const rows = await em.execute<RedemptionRow[]>(
      `select ${REDEMPTION_COLUMNS}, c.code, pr.name as product_name, pl.name as plan_name, pl.access_days
         from redemptions r
         join access_codes c on c.id = r.code_id
         left join products pr on pr.id = r.product_id
         left join plans pl on pl.id = r.plan_id
        where r.code_id = ?
        order by r.redeemed_at desc, r.id desc
        limit ?`,
      [codeId, limit],
    );
    return rows.map(redemptionRow);
  }
}
