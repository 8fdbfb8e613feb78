import { Migration } from '@mikro-orm/migrations';

/**
 * admit_csv_safe referred to its argument three times, so PostgreSQL would not inline it around an
 * expensive argument (the code's display form) and called it per row: a second per million codes
 * in an export. One anchored replace refers to it once.
 */
export class Migration20261121130000_csv_safe_inlinable extends Migration {
  override name = 'Migration20261121130000_csv_safe_inlinable';

  override up(): void {
    this.addSql(`
      create or replace function admit_csv_safe(value text) returns text
      language sql immutable parallel safe as $$
        select regexp_replace(value, '^([=+@\\t\\r-])', '''\\1')
      $$;`);
  }

  override down(): void {
    this.addSql(`
      create or replace function admit_csv_safe(value text) returns text
      language sql immutable parallel safe as $$
        select case when value ~ '^[=+@\\t\\r-]' then '''' || value else value end
      $$;`);
  }
}
