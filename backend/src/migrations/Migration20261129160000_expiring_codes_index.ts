import { Migration } from '@mikro-orm/migrations';

/**
 * `expired=true` had no index path: the list read the project's keyset index and dropped every
 * code without an end date, so a deep page of the expired codes of a 10M-code project walked
 * millions of rows (≈3 s). This partial index holds only codes that have an end date, in the
 * keyset's order; codes without one (most bulk batches) take no entry, so it costs nothing on
 * their insert (docs/benchmarks.md, "Indexes").
 */
export class Migration20261129160000_expiring_codes_index extends Migration {
  override name = 'Migration20261129160000_expiring_codes_index';

  override up(): void {
    this.addSql(
      `create index "access_codes_expiring_index" on "access_codes" ("project_id", "created_at", "id") where valid_till is not null;`,
    );
  }

  override down(): void {
    this.addSql(`drop index if exists "access_codes_expiring_index";`);
  }
}
