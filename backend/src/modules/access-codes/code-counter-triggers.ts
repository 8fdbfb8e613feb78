/**
 * The triggers that keep `access_code_counters` exact (functions in migration 20261129100000),
 * declared on the entities so the schema diff knows them. Statement-level, with transition
 * tables: one small aggregate per statement, whatever the number of rows it wrote.
 */
export const CODE_COUNTER_TRIGGERS = {
  insert: {
    name: 'access_codes_count_ins',
    expression: `create trigger access_codes_count_ins after insert on access_codes
  referencing new table as new_codes for each statement execute function admit_code_counters_ins()`,
  },
  delete: {
    name: 'access_codes_count_del',
    expression: `create trigger access_codes_count_del after delete on access_codes
  referencing old table as old_codes for each statement execute function admit_code_counters_del()`,
  },
  update: {
    name: 'access_codes_count_upd',
    expression: `create trigger access_codes_count_upd after update on access_codes
  referencing old table as old_codes new table as new_codes
  for each statement execute function admit_code_counters_upd()`,
  },
  batchDelete: {
    name: 'batches_count_del',
    expression: `create trigger batches_count_del after delete on batches
  referencing old table as old_batches for each statement execute function admit_code_counters_batch_del()`,
  },
} as const;
