import type { Batch } from '@/app/api-types';
import { formatCount } from '@/app/format';

/**
 * How far a batch has been used: its counters' codes and redeemed codes (the generated count
 * while they are not in the answer), the share as a whole percent that shows 1 % as soon as one
 * code of a large batch is used, and a sentence for screen readers.
 */
export function batchUsage(batch: Pick<Batch, 'redeemedCount' | 'codeCount' | 'generatedCount'>) {
  const total = batch.codeCount ?? batch.generatedCount;
  const redeemed = Math.min(batch.redeemedCount ?? 0, total);
  const exact = total ? (redeemed / total) * 100 : 0;
  const percent = redeemed > 0 && exact < 1 ? 1 : Math.round(exact);
  return {
    total,
    redeemed,
    percent,
    text: `${formatCount(redeemed)} of ${formatCount(total)} codes redeemed`,
  };
}
