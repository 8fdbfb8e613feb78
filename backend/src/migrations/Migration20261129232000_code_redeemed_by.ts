import { Migration } from '@mikro-orm/migrations';

/**
 * The CSV export's "Redeemed By" kept on the code: the claim appends the redeemer, a revoke
 * rebuilds it from the live redemptions left. The export read it with a look-up in `redemptions`
 * per redeemed code (a correlated subquery), which cost about half of an export of used codes and
 * kept PostgreSQL from computing the export's columns in parallel workers (docs/benchmarks.md,
 * "Export"). Existing redeemed codes are filled in from their live redemptions.
 */
export class Migration20261129232000_code_redeemed_by extends Migration {
  override name = 'Migration20261129232000_code_redeemed_by';

  override up(): void {
    this.addSql(`alter table "access_codes" add column "redeemed_by" text null;`);
    this.addSql(`
      update access_codes c set redeemed_by = x.redeemed_by
        from (select r.code_id,
                     string_agg(coalesce(r.learner_name, r.learner_email, r.learner_external_id)
                                || coalesce(' <' || r.learner_email || '>', ''), '; ' order by r.redeemed_at, r.id) as redeemed_by
                from redemptions r where r.revoked_at is null group by r.code_id) x
       where c.id = x.code_id;`);
  }

  override down(): void {
    this.addSql(`alter table "access_codes" drop column if exists "redeemed_by";`);
  }
}
