import type { Metrics } from '../../common/metrics/metrics.js';
import type { RedemptionChannel } from './redemption.entity.js';
import { RefusalError } from './redemptions.errors.js';

/**
 * Runs one redemption attempt and counts it in `admit_redemptions_total` by outcome: `redeemed`,
 * `replayed` (an Idempotency-Key answered from the first response), the refusal code (the real
 * one, before the public page hides it), or `error` (a dependency down, a bug).
 */
export async function countRedemption<T>(
  metrics: Metrics,
  channel: RedemptionChannel,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const result = await work();
    const replayed = (result as { replayed?: boolean } | null)?.replayed === true;
    metrics.redemptions.inc({ outcome: replayed ? 'replayed' : 'redeemed', channel });
    return result;
  } catch (err) {
    metrics.redemptions.inc({ outcome: err instanceof RefusalError ? err.reason : 'error', channel });
    throw err;
  }
}
