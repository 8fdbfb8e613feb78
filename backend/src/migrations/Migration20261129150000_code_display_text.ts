import { Migration } from '@mikro-orm/migrations';

/**
 * An admin's own code text as typed ("summer camp 01"), kept for display; `code` stays the
 * normalised form used for matching (SUMMERCAMP01). Null for generated codes, whose display is
 * computed from their batch's format.
 */
export class Migration20261129150000_code_display_text extends Migration {
  override name = 'Migration20261129150000_code_display_text';

  override up(): void {
    this.addSql(`alter table "access_codes" add column "display_text" varchar(80) null;`);
  }

  override down(): void {
    this.addSql(`alter table "access_codes" drop column "display_text";`);
  }
}
