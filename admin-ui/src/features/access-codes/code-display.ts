import type { AccessCode, Batch, Redeemer, UsageType } from '@/app/api-types';

export type StatusTone = 'unused' | 'used' | 'partial' | 'exhausted';

/**
 * The Status column: Unused, Used, "n of max" for a multiple code part-way through, Exhausted
 * once a multiple code reached its limit.
 */
export function codeStatus(
  code: Pick<AccessCode, 'status' | 'usageType' | 'redemptionCount' | 'maxRedemptions'>,
): {
  label: string;
  tone: StatusTone;
} {
  if (code.status === 'exhausted') {
    return {
      label: code.maxRedemptions
        ? `Exhausted (${code.redemptionCount} of ${code.maxRedemptions})`
        : 'Exhausted',
      tone: 'exhausted',
    };
  }
  if (code.usageType === 'multiple' && code.redemptionCount > 0) {
    return {
      label: code.maxRedemptions
        ? `${code.redemptionCount} of ${code.maxRedemptions}`
        : `${code.redemptionCount} used`,
      tone: 'partial',
    };
  }
  if (code.status === 'used') return { label: 'Used', tone: 'used' };
  return { label: 'Unused', tone: 'unused' };
}

export const USAGE_LABELS: Record<UsageType, string> = { single: 'Single', multiple: 'Multiple' };

/** "Single", "Multiple (up to 5)", "Multiple (no limit)". */
export function usageLabel(code: Pick<AccessCode, 'usageType' | 'maxRedemptions'>): string {
  if (code.usageType === 'single') return USAGE_LABELS.single;
  return code.maxRedemptions ? `Multiple (up to ${code.maxRedemptions})` : 'Multiple (no limit)';
}

export function redeemerName(redeemer: Redeemer): string {
  return redeemer.name || redeemer.email || redeemer.externalId;
}

export const BATCH_STATUS_LABELS: Record<Batch['status'], string> = {
  queued: 'Queued',
  running: 'Generating',
  completed: 'Completed',
  failed: 'Failed',
};
