import { Migration } from '@mikro-orm/migrations';

/**
 * Deliveries used to keep the socket error of a failed attempt (`fetch failed (ECONNREFUSED)`),
 * which let project admins probe the network. Attempts now record a generic failure; this
 * rewrites the ones already stored the same way.
 */
export class Migration20261129120000_webhook_generic_errors extends Migration {
  override name = 'Migration20261129120000_webhook_generic_errors';

  override up(): void {
    this.addSql(`
      update webhook_deliveries
         set last_error = case when last_status_code is not null then 'http_' || last_status_code
                               else 'connection_failed' end
       where last_error is not null
         and last_error !~ '^(http_[0-9]{3}|connection_failed|timeout|[a-z_]+_not_allowed|invalid_url)$';`);
  }

  override down(): void {
    // The original texts are gone on purpose.
  }
}
