import { codeFields } from './access-code.types.js';
import type { AccessCodeDto } from './dto/access-code.dto.js';
import type { CodeRow, RedeemerRow } from './access-codes.repository.js';

/** A code as the console shows it: the shared fields (codeFields), its names and its last edit. */
export function toAccessCodeDto(
  row: CodeRow,
  redeemers: RedeemerRow[] = [],
  now = new Date(),
): AccessCodeDto {
  return {
    ...codeFields(row, redeemers, row.valid_till ? new Date(row.valid_till) <= now : false),
    productName: row.product_name,
    planName: row.plan_name,
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
  };
}
