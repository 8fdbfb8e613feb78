import { Migration } from '@mikro-orm/migrations';
import { CODE_COUNTER_TRIGGERS } from '../modules/access-codes/code-counter-triggers.js';

/**
 * Scale of the codes table (issue 8):
 *
 * - `access_code_counters`: per batch, how many codes there are and how many were redeemed at
 *   least once, kept exact by statement-level AFTER triggers with transition tables on
 *   `access_codes`, so every writer (the bulk COPY, the redemption claim, revoke, edit, delete)
 *   keeps them in its own transaction without knowing about them. One statement adds one delta
 *   per batch it touched. Each batch has up to 16 rows ("shards", picked by the writing
 *   backend's pid) so concurrent writers of one batch — redemptions, chunk jobs of one bulk
 *   run — rarely wait on the same counter row; a count is the sum of a batch's rows.
 * - pg_trgm and one GIN trigram index over a redemption's email, external id and name, for
 *   case-insensitive substring search of redeemers (codes list and redemption log).
 * - The `(plan_id, created_at, id)` index goes: the plan and product filters read the batch
 *   index of each of their batches instead (see AccessCodesRepository), and one fewer index on
 *   every inserted code is worth it (docs/benchmarks.md, "Codes table at scale").
 */
export class Migration20261129100000_code_counters_search extends Migration {
  override name = 'Migration20261129100000_code_counters_search';

  override up(): void {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`
      create table "access_code_counters" (
        "batch_id" uuid not null,
        "shard" smallint not null,
        "total" bigint not null,
        "used" bigint not null,
        primary key ("batch_id", "shard"));`);

    this.addSql(`
      create or replace function admit_code_counters_ins() returns trigger
      language plpgsql as $$
      begin
        insert into access_code_counters as k (batch_id, shard, total, used)
        select n.batch_id, pg_backend_pid() % 16, count(*), count(*) filter (where n.redemption_count > 0)
          from new_codes n group by n.batch_id order by n.batch_id
        on conflict (batch_id, shard) do update
          set total = k.total + excluded.total, used = k.used + excluded.used;
        return null;
      end $$;`);
    this.addSql(`
      create or replace function admit_code_counters_del() returns trigger
      language plpgsql as $$
      begin
        insert into access_code_counters as k (batch_id, shard, total, used)
        select o.batch_id, pg_backend_pid() % 16, -count(*), -count(*) filter (where o.redemption_count > 0)
          from old_codes o group by o.batch_id order by o.batch_id
        on conflict (batch_id, shard) do update
          set total = k.total + excluded.total, used = k.used + excluded.used;
        return null;
      end $$;`);
    // Most updates (a second use of a multiple-use code, an edit, a deactivation) change no
    // count: the HAVING drops them, and no counter row is locked.
    this.addSql(`
      create or replace function admit_code_counters_upd() returns trigger
      language plpgsql as $$
      begin
        insert into access_code_counters as k (batch_id, shard, total, used)
        select d.batch_id, pg_backend_pid() % 16, sum(d.t), sum(d.u)
          from (select n.batch_id, 1 as t, (n.redemption_count > 0)::int as u from new_codes n
                union all
                select o.batch_id, -1, -(o.redemption_count > 0)::int from old_codes o) d
         group by d.batch_id having sum(d.t) <> 0 or sum(d.u) <> 0 order by d.batch_id
        on conflict (batch_id, shard) do update
          set total = k.total + excluded.total, used = k.used + excluded.used;
        return null;
      end $$;`);
    for (const t of [
      CODE_COUNTER_TRIGGERS.insert,
      CODE_COUNTER_TRIGGERS.delete,
      CODE_COUNTER_TRIGGERS.update,
    ]) {
      this.addSql(`${t.expression};`);
    }
    // A deleted batch takes its counters along (its codes' delete trigger ran first, in the cascade).
    this.addSql(`
      create or replace function admit_code_counters_batch_del() returns trigger
      language plpgsql as $$
      begin
        delete from access_code_counters k using old_batches o where k.batch_id = o.id;
        return null;
      end $$;`);
    this.addSql(`${CODE_COUNTER_TRIGGERS.batchDelete.expression};`);
    this.addSql(`
      insert into access_code_counters (batch_id, shard, total, used)
      select batch_id, 0, count(*), count(*) filter (where redemption_count > 0)
        from access_codes group by batch_id;`);

    this.addSql(`
      create index "redemptions_redeemer_trgm_index" on "redemptions" using gin
        ((coalesce(learner_email, '') || ' ' || learner_external_id || ' ' || coalesce(learner_name, '')) gin_trgm_ops);`);
    this.addSql(`drop index if exists "access_codes_plan_created_index";`);
  }

  override down(): void {
    this.addSql(
      `create index "access_codes_plan_created_index" on "access_codes" ("plan_id", "created_at", "id");`,
    );
    this.addSql(`drop index if exists "redemptions_redeemer_trgm_index";`);
    this.addSql(`drop trigger if exists batches_count_del on batches;`);
    this.addSql(`drop trigger if exists access_codes_count_upd on access_codes;`);
    this.addSql(`drop trigger if exists access_codes_count_del on access_codes;`);
    this.addSql(`drop trigger if exists access_codes_count_ins on access_codes;`);
    this.addSql(`drop function if exists admit_code_counters_batch_del();`);
    this.addSql(`drop function if exists admit_code_counters_upd();`);
    this.addSql(`drop function if exists admit_code_counters_del();`);
    this.addSql(`drop function if exists admit_code_counters_ins();`);
    this.addSql(`drop table if exists "access_code_counters";`);
  }
}
