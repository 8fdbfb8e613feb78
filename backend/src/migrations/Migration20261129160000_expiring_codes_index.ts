import { Migration } from '@mikro-orm/migrations';

/**
 * `expired=true` had no index path: the list read the project's keyset index and dropped every
 * code without an end date, so a deep page of the expired codes of a 10M-code project walked
 * millions of rows (≈3 s). This partial index holds only codes that have an end date, in the
 * keyset's order; codes without one (most bulk batches) take no entry, so it costs nothing on
 * their insert (docs/benchmarks.md, "Indexes").
 *
 * Built CONCURRENTLY, outside a transaction, so redemptions and batches keep writing
 * `access_codes` while it builds (a plain CREATE INDEX blocks every write for the whole build:
 * docs/operations.md, "Migrations while the old version serves"). If the build fails it leaves an
 * invalid index behind: drop it (`drop index concurrently access_codes_expiring_index`) and migrate
 * again.
 */
export class Migration20261129160000_expiring_codes_index extends Migration {
  override name = 'Migration20261129160000_expiring_codes_index';

  override isTransactional(): boolean {
    return false; // CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction
  }

  override up(): void {
    this.addSql(
      `create index concurrently "access_codes_expiring_index" on "access_codes" ("project_id", "created_at", "id") where valid_till is not null;`,
    );
  }

  override down(): void {
    this.addSql(`drop index concurrently if exists "access_codes_expiring_index";`);
  }
}
