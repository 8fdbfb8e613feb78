import { Migration } from '@mikro-orm/migrations';

/**
 * Replaces the first display functions (which took the batch's format as jsonb and could not be
 * inlined) with versions that take the format's fields.
 *
 * SQL functions for how codes are shown, so the codes list and the streamed CSV export
 * (COPY … TO STDOUT, no row passes through Node) format them the same way. They mirror
 * formatForDisplay in @admit/codes; a test compares the two.
 *
 * They are plain-SQL IMMUTABLE functions that call only immutable functions, so the planner
 * inlines them into the query (a call that is not inlined costs ~10 µs a row: 10 s on a million
 * codes). Grouping uses substr up to 8 groups, a regular expression only beyond.
 */
export class Migration20261121120000_inlinable_code_display extends Migration {
  override name = 'Migration20261121120000_inlinable_code_display';

  override up(): void {
    this.addSql('drop function if exists admit_display_code(text, jsonb, text, bigint);');
    this.addSql(`
      create or replace function admit_group(code text, size int) returns text
      language sql immutable parallel safe as $$
        select case when size is null or size <= 0 or length(code) <= size then code
               when length(code) <= 2 * size then left(code, size) || '-' || substr(code, 1 * size + 1)
               when length(code) <= 3 * size then left(code, size) || '-' || substr(code, 1 * size + 1, size) || '-' || substr(code, 2 * size + 1)
               when length(code) <= 4 * size then left(code, size) || '-' || substr(code, 1 * size + 1, size) || '-' || substr(code, 2 * size + 1, size) || '-' || substr(code, 3 * size + 1)
               when length(code) <= 5 * size then left(code, size) || '-' || substr(code, 1 * size + 1, size) || '-' || substr(code, 2 * size + 1, size) || '-' || substr(code, 3 * size + 1, size) || '-' || substr(code, 4 * size + 1)
               when length(code) <= 6 * size then left(code, size) || '-' || substr(code, 1 * size + 1, size) || '-' || substr(code, 2 * size + 1, size) || '-' || substr(code, 3 * size + 1, size) || '-' || substr(code, 4 * size + 1, size) || '-' || substr(code, 5 * size + 1)
               when length(code) <= 7 * size then left(code, size) || '-' || substr(code, 1 * size + 1, size) || '-' || substr(code, 2 * size + 1, size) || '-' || substr(code, 3 * size + 1, size) || '-' || substr(code, 4 * size + 1, size) || '-' || substr(code, 5 * size + 1, size) || '-' || substr(code, 6 * size + 1)
               when length(code) <= 8 * size then left(code, size) || '-' || substr(code, 1 * size + 1, size) || '-' || substr(code, 2 * size + 1, size) || '-' || substr(code, 3 * size + 1, size) || '-' || substr(code, 4 * size + 1, size) || '-' || substr(code, 5 * size + 1, size) || '-' || substr(code, 6 * size + 1, size) || '-' || substr(code, 7 * size + 1)
               else regexp_replace(code, '(.{' || size::text || '})(?=.)', '\\1-', 'g') end
      $$;`);
    this.addSql(`
      create or replace function admit_display_code(
        code text, kind text, prefix text, len int, group_size int, check_char boolean, custom_name text, sequence_no bigint
      ) returns text
      language sql immutable parallel safe as $$
        select case
          when kind = 'custom' then
            case when custom_name is not null and sequence_no is not null then custom_name || sequence_no::text else code end
          when kind = 'prefixed'
               and left(code, length(prefix)) = translate(prefix, 'OIL', '011')
               and length(code) = length(prefix) + len + case when check_char then 1 else 0 end
            then prefix || '-' || case when check_char
              then admit_group(substr(code, length(prefix) + 1, len), group_size) || right(code, 1)
              else admit_group(substr(code, length(prefix) + 1), group_size) end
          when coalesce(kind, 'random') = 'random' and length(code) = len + case when check_char then 1 else 0 end
            -- A check character joins the last group, as formatForDisplay does: N6TF-97NE-WK1ZJ.
            then case when check_char then admit_group(left(code, len), group_size) || right(code, 1)
                      else admit_group(code, group_size) end
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
    this.addSql(
      'drop function if exists admit_display_code(text, text, text, int, int, boolean, text, bigint);',
    );
    this.addSql('drop function if exists admit_group(text, int);');
  }
}
