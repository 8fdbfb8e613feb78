import { Migration } from '@mikro-orm/migrations';

/** `codes:write` opened no endpoint (code management is the console's), so keys lose it. */
export class Migration20261129140000_drop_codes_write_scope extends Migration {
  override name = 'Migration20261129140000_drop_codes_write_scope';

  override up(): void {
    this.addSql(
      `update api_keys set scopes = array_remove(scopes, 'codes:write') where 'codes:write' = any(scopes);`,
    );
  }

  override down(): void {
    // Nothing to restore: the scope granted nothing.
  }
}
