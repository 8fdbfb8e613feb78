import { codeStatus } from './access-code.types.js';
import type { AccessCodeDto } from './dto/access-code.dto.js';
import type { CodeRow, RedeemerRow } from './access-codes.repository.js';

export { codeStatus };

export function toAccessCodeDto(
  row: CodeRow,
  redeemers: RedeemerRow[] = [],
  now = new Date(),
): AccessCodeDto {
  return {
    id: row.id,
    code: row.code,
    display: row.display,
    productId: row.product_id,
    productName: row.product_name,
    planId: row.plan_id,
    planName: row.plan_name,
    batchId: row.batch_id,
    usageType: row.usage_type,
    maxRedemptions: row.max_redemptions,
    redemptionCount: row.redemption_count,
    validFrom: row.valid_from ? new Date(row.valid_from).toISOString() : null,
    validTill: row.valid_till ? new Date(row.valid_till).toISOString() : null,
    active: row.active,
    status: codeStatus(row.usage_type, row.redemption_count, row.max_redemptions),
    expired: row.valid_till ? new Date(row.valid_till) <= now : false,
    redeemedBy: redeemers.map((r) => ({
      name: r.learner_name,
      email: r.learner_email,
      externalId: r.learner_external_id,
      redeemedAt: new Date(r.redeemed_at).toISOString(),
    })),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
  };
}
