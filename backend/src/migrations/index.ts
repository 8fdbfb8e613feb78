import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121102346 } from './Migration20261121102346.js';
import { Migration20261121102804 } from './Migration20261121102804.js';
import { Migration20261121110000_code_display } from './Migration20261121110000_code_display.js';
import { Migration20261121120000_inlinable_code_display } from './Migration20261121120000_inlinable_code_display.js';
import { Migration20261121130000_csv_safe_inlinable } from './Migration20261121130000_csv_safe_inlinable.js';
import { Migration20261129100000_code_counters_search } from './Migration20261129100000_code_counters_search.js';
import { Migration20261129110000_batch_chunks } from './Migration20261129110000_batch_chunks.js';
import { Migration20261129120000_webhook_generic_errors } from './Migration20261129120000_webhook_generic_errors.js';
import { Migration20261129140000_drop_codes_write_scope } from './Migration20261129140000_drop_codes_write_scope.js';
import { Migration20261129150000_code_display_text } from './Migration20261129150000_code_display_text.js';
import { Migration20261129160000_expiring_codes_index } from './Migration20261129160000_expiring_codes_index.js';
import { Migration20261129230000_batch_sequence_index } from './Migration20261129230000_batch_sequence_index.js';
import { Migration20261129232000_code_redeemed_by } from './Migration20261129232000_code_redeemed_by.js';
import { Migration20261129232100_code_ids_time_ordered } from './Migration20261129232100_code_ids_time_ordered.js';
import { Migration20261130100000_redeemed_by_capped } from './Migration20261130100000_redeemed_by_capped.js';

/** Every migration in order. Listed explicitly so dist/, jest and swc all see the same set. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121102346', class: Migration20261121102346 },
  { name: 'Migration20261121102804', class: Migration20261121102804 },
  { name: 'Migration20261121110000_code_display', class: Migration20261121110000_code_display },
  {
    name: 'Migration20261121120000_inlinable_code_display',
    class: Migration20261121120000_inlinable_code_display,
  },
  { name: 'Migration20261121130000_csv_safe_inlinable', class: Migration20261121130000_csv_safe_inlinable },
  {
    name: 'Migration20261129100000_code_counters_search',
    class: Migration20261129100000_code_counters_search,
  },
  { name: 'Migration20261129110000_batch_chunks', class: Migration20261129110000_batch_chunks },
  {
    name: 'Migration20261129120000_webhook_generic_errors',
    class: Migration20261129120000_webhook_generic_errors,
  },
  {
    name: 'Migration20261129140000_drop_codes_write_scope',
    class: Migration20261129140000_drop_codes_write_scope,
  },
  {
    name: 'Migration20261129150000_code_display_text',
    class: Migration20261129150000_code_display_text,
  },
  {
    name: 'Migration20261129160000_expiring_codes_index',
    class: Migration20261129160000_expiring_codes_index,
  },
  {
    name: 'Migration20261129230000_batch_sequence_index',
    class: Migration20261129230000_batch_sequence_index,
  },
  { name: 'Migration20261129232000_code_redeemed_by', class: Migration20261129232000_code_redeemed_by },
  {
    name: 'Migration20261129232100_code_ids_time_ordered',
    class: Migration20261129232100_code_ids_time_ordered,
  },
  {
    name: 'Migration20261130100000_redeemed_by_capped',
    class: Migration20261130100000_redeemed_by_capped,
  },
];
