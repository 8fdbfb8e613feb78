import type { RefusalCode } from '@admit/shared';
import { DomainError } from '../../common/errors/domain-error.js';

/**
 * HTTP status of each refusal. 404 for a code that does not exist, 400 for one the check character
 * shows is mistyped (the request is wrong, not the state), 409 when the code was used up (by others
 * or by this learner: the state conflicts with the request), and 422 when the code exists but its
 * settings refuse it right now (inactive, not yet valid, expired): the request is well-formed, the
 * code simply cannot be redeemed, and a retry will not help until an admin changes the code.
 */
export const REFUSAL_STATUS: Record<RefusalCode, number> = {
  code_not_found: 404,
  code_mistyped: 400,
  code_inactive: 422,
  code_not_yet_valid: 422,
  code_expired: 422,
  code_already_redeemed: 409,
  code_exhausted: 409,
  already_redeemed_by_learner: 409,
};

const MESSAGES: Record<RefusalCode, string> = {
  code_not_found: 'There is no such code. Please check it and try again.',
  code_mistyped: 'This code contains a typo. Please compare it with the code you were given.',
  code_inactive: 'This code has been deactivated.',
  code_not_yet_valid: 'This code is not valid yet.',
  code_expired: 'This code has expired.',
  code_already_redeemed: 'This code has already been redeemed.',
  code_exhausted: 'This code has been redeemed the maximum number of times.',
  already_redeemed_by_learner: 'This learner has already redeemed this code.',
};

export class RefusalError extends DomainError {
  constructor(
    readonly reason: RefusalCode,
    message: string = MESSAGES[reason],
    extra?: Record<string, unknown>,
  ) {
    super(reason, REFUSAL_STATUS[reason], message, undefined, undefined, extra);
  }
}

export function refusal(reason: RefusalCode, message?: string): RefusalError {
  return new RefusalError(reason, message);
}

/** What the code's state says about a refusal, so a learner can be told when and what next. */
export interface RefusalDetail {
  valid_from: Date | null;
  valid_till: Date | null;
  max_redemptions: number | null;
  held_since: Date | null;
}

/**
 * A refusal with the dates that explain it: `validFrom` (not yet valid), `validTill` (expired),
 * `maxRedemptions` (exhausted), and `redeemedAt` (this learner's own redemption). Nothing about
 * any other learner is ever included.
 */
export function refusalWithDetail(reason: RefusalCode, state: RefusalDetail): RefusalError {
  const extra: Record<string, unknown> = {};
  if (reason === 'code_not_yet_valid' && state.valid_from) extra.validFrom = state.valid_from.toISOString();
  if (reason === 'code_expired' && state.valid_till) extra.validTill = state.valid_till.toISOString();
  if (reason === 'code_exhausted' && state.max_redemptions) extra.maxRedemptions = state.max_redemptions;
  if (reason === 'already_redeemed_by_learner' && state.held_since)
    extra.redeemedAt = state.held_since.toISOString();
  return new RefusalError(reason, undefined, Object.keys(extra).length ? extra : undefined);
}

/** Failures that say nothing exists under what was typed: the ones a guesser produces, counted by the brute-force defence. */
export function isGuessFailure(error: unknown): boolean {
  return (
    error instanceof RefusalError && (error.reason === 'code_not_found' || error.reason === 'code_mistyped')
  );
}
