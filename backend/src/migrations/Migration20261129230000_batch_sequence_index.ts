import { Migration } from '@mikro-orm/migrations';

/**
 * The codes page of a Custom Name batch lists its codes in creation order,
 * `(created_at, coalesce(sequence_no, 0), id)`; only `created_at` was presorted by an index, and
 * the codes of one bulk run share it, so the first page of a 1M-code batch sorted the whole
 * batch (3.4 s). This index is that order, per batch. It is partial: only numbered codes and
 * codes with an admin's own text take an entry (every code of a Custom Name batch), so a random
 * bulk batch pays nothing for it on insert. Batches without a Custom Name keep reading
 * `(batch_id, created_at, id)`.
 *
 * Codes of a Custom Name batch edited before `display_text` existed have neither a number nor a
 * text; they get their code as text (what they show already), so that the index holds them too.
 *
 * The index is built CONCURRENTLY, outside a transaction, so the old version keeps writing
 * `access_codes` while it builds (docs/operations.md, "Migrations while the old version serves";
 * test/e2e/online-migration.e2e-spec.ts).
 */
export class Migration20261129230000_batch_sequence_index extends Migration {
  override name = 'Migration20261129230000_batch_sequence_index';

  override isTransactional(): boolean {
    return false; // CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction
  }

  override up(): void {
    this.addSql(`update "access_codes" c set "display_text" = c."code" from "batches" b
      where b."id" = c."batch_id" and b."custom_name" is not null and c."sequence_no" is null and c."display_text" is null;`);
    this.addSql(
      `create index concurrently "access_codes_batch_sequence_index" on "access_codes" ("batch_id", "created_at", coalesce("sequence_no", 0), "id") where "sequence_no" is not null or "display_text" is not null;`,
    );
  }

  override down(): void {
    this.addSql(`drop index concurrently if exists "access_codes_batch_sequence_index";`);
  }
}
