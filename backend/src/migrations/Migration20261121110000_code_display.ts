import { Migration } from '@mikro-orm/migrations';

/**
 * SQL functions for how codes are shown, so the codes list and the streamed CSV export
 * (COPY … TO STDOUT, no row passes through Node) format them the same way. Written in plain SQL
 * so the planner inlines them. They mirror formatForDisplay in @admit/codes; a test compares them.
 */
export class Migration20261121110000_code_display extends Migration {
  override name = 'Migration20261121110000_code_display';

  override up(): void {
    this.addSql(`
      create or replace function admit_group(code text, size int) returns text
      language sql immutable parallel safe as $$
        select case when size is null or size <= 0 or length(code) <= size then code
               else regexp_replace(code, '(.{' || size || '})(?=.)', '\\1-', 'g') end
      $$;`);
    this.addSql(`
      create or replace function admit_display_code(code text, format jsonb, custom_name text, sequence_no bigint) returns text
      language sql immutable parallel safe as $$
        select case
          when format->>'kind' = 'custom' then
            case when custom_name is not null and sequence_no is not null then custom_name || sequence_no::text else code end
          when format->>'kind' = 'prefixed'
               and left(code, length(format->>'prefix')) = translate(format->>'prefix', 'OIL', '011')
               and length(code) = length(format->>'prefix') + (format->>'length')::int + case when (format->>'checkChar')::boolean then 1 else 0 end
            then (format->>'prefix') || '-' || admit_group(substr(code, length(format->>'prefix') + 1), (format->>'groupSize')::int)
          when coalesce(format->>'kind', 'random') = 'random'
               and length(code) = (format->>'length')::int + case when (format->>'checkChar')::boolean then 1 else 0 end
            then admit_group(code, (format->>'groupSize')::int)
          else code
        end
      $$;`);
    this.addSql(`
      create or replace function admit_csv_safe(value text) returns text
      language sql immutable parallel safe as $$
        select case when value ~ '^[=+@\\t\\r-]' then '''' || value else value end
      $$;`);
  }

  override down(): void {
    this.addSql('drop function if exists admit_csv_safe(text);');
    this.addSql('drop function if exists admit_display_code(text, jsonb, text, bigint);');
    this.addSql('drop function if exists admit_group(text, int);');
  }
}
