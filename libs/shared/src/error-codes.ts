/** Stable machine-readable error codes: the `code` of every problem+json answer. */
export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'unauthorized',
  'forbidden',
  'conflict',
  'rate_limited',
  'idempotency_key_reused',
  'internal_error',
  'dependency_unavailable',
  'invalid_credentials',
  'batch_too_large',
  'keyspace_exhausted',
  'plan_in_use',
  'code_not_found',
  'code_inactive',
  'code_not_yet_valid',
  'code_expired',
  'code_already_redeemed',
  'code_exhausted',
  'code_mistyped',
  'already_redeemed_by_learner',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why a code cannot be redeemed: the `reason` of validate and the `code` of a refused redemption. */
export const REFUSAL_CODES = [
  'code_not_found',
  'code_mistyped',
  'code_inactive',
  'code_not_yet_valid',
  'code_expired',
  'code_already_redeemed',
  'code_exhausted',
  'already_redeemed_by_learner',
] as const satisfies readonly ErrorCode[];
export type RefusalCode = (typeof REFUSAL_CODES)[number];
