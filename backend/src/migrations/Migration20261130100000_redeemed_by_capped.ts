import { Migration } from '@mikro-orm/migrations';

/**
 * "Redeemed By" names at most the 20 oldest live redeemers of a code (REDEEMED_BY_NAMES in
 * access-codes/access-code.types.ts); the export adds "… and N more". Codes redeemed more often
 * than that before this version held every name: cut them to the same 20. Only those rows change.
 */
export class Migration20261130100000_redeemed_by_capped extends Migration {
  override name = 'Migration20261130100000_redeemed_by_capped';

  override up(): void {
    this.addSql(`
      update access_codes c set redeemed_by = x.redeemed_by
        from (select r.code_id, string_agg(r.label, '; ' order by r.redeemed_at, r.id) as redeemed_by
                from (select r.code_id, r.redeemed_at, r.id,
                             coalesce(r.learner_name, r.learner_email, r.learner_external_id)
                               || coalesce(' <' || r.learner_email || '>', '') as label,
                             row_number() over (partition by r.code_id order by r.redeemed_at, r.id) as n
                        from redemptions r where r.revoked_at is null) r
               where r.n <= 20 group by r.code_id) x
       where c.id = x.code_id and c.redemption_count > 20 and c.redeemed_by is distinct from x.redeemed_by;`);
  }

  override down(): void {
    // Longer texts are not restored: the 20 names stay correct for the older version too.
  }
}
