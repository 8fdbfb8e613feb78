/** Stable machine-readable error codes: the `code` of every problem+json answer. */
export const ERROR_CODES = [
  'validation_failed',
  'unsupported_media_type',
  'payload_too_large',
  'uri_too_long',
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
  'query_timeout',
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

/**
 * Stable per-field codes: the `code` of each entry of a problem's `errors` array. Clients map
 * them to their own sentences; `message` is the English default.
 */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid',
  'invalid_type',
  'invalid_format',
  'invalid_email',
  'invalid_url',
  'invalid_uuid',
  'invalid_date',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_deep',
  'too_common',
  'too_similar',
  'not_allowed_value',
  'not_allowed_character',
  'not_unique',
  'unknown_field',
  'in_the_past',
  'before_start',
  'taken',
  'scheme_not_allowed',
  'credentials_not_allowed',
  'address_not_allowed',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];
