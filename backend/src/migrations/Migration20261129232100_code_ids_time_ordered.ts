import { Migration } from '@mikro-orm/migrations';

/**
 * New codes get time-ordered ids (UUID version 7: 48 bits of milliseconds, then random bits)
 * instead of random ones. The primary key and the two keyset indexes, `(project_id, created_at,
 * id)` and `(batch_id, created_at, id)`, then take a bulk run's rows at their right-hand end
 * instead of at random pages all over (all codes of one COPY share `created_at`, so the id was
 * the random part of both keys): one COPY of 1,000,000 codes into a table with the six indexes
 * went from 38–43 s to 19–24 s on the 2-core machine (docs/benchmarks.md, "Write path").
 * Existing ids are unchanged; the keyset order (created_at, id) means the same.
 */
export class Migration20261129232100_code_ids_time_ordered extends Migration {
  override name = 'Migration20261129232100_code_ids_time_ordered';

  override up(): void {
    this.addSql(`
      create or replace function admit_uuid7() returns uuid
      language sql volatile parallel safe as $$
        select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing
          substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
          from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
      $$;`);
    this.addSql(`alter table "access_codes" alter column "id" set default admit_uuid7();`);
  }

  override down(): void {
    this.addSql(`alter table "access_codes" alter column "id" set default gen_random_uuid();`);
    this.addSql('drop function if exists admit_uuid7();');
  }
}
