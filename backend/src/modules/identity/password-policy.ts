import { DomainError } from '../../common/errors/domain-error.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;

/** Why a password is refused: the per-field `code` in the 400's `errors`. */
export type WeakPasswordReason = 'too_short' | 'too_common' | 'too_similar';

const MESSAGES: Record<WeakPasswordReason, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  too_common: 'This password is too common; choose one nobody would guess',
  too_similar: 'This password is too close to the email address',
};

/** The base word of a password: lower case, without the digits and symbols people add around it. */
function baseOf(password: string): string {
  return password.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, '');
}

/**
 * Why a new password would be refused, or null when it is acceptable: fewer than 12 characters
 * (counted as code points), in the shipped list of common passwords (itself or its base word), made
 * of fewer than 5 different characters, or containing the email's local part (or the other way round).
 */
export function weakPasswordReason(password: string, email: string): WeakPasswordReason | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  const lower = password.toLowerCase();
  const base = baseOf(password);
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(base) || new Set(lower).size < 5)
    return 'too_common';
  const normalisedEmail = email.trim().toLowerCase();
  const local = normalisedEmail.split('@')[0] ?? '';
  const compact = lower.replace(/[^a-z0-9]/g, '');
  const localCompact = local.replace(/[^a-z0-9]/g, '');
  if (
    lower.includes(normalisedEmail) ||
    (localCompact.length >= 3 && compact.includes(localCompact)) ||
    (compact.length >= 3 && localCompact.includes(compact))
  )
    return 'too_similar';
  return null;
}

/** Throws 400 validation_failed naming the field and its reason when the password is weak. */
export function assertStrongPassword(password: string, email: string, field = 'password'): void {
  const reason = weakPasswordReason(password, email);
  if (!reason) return;
  throw new DomainError('validation_failed', 400, MESSAGES[reason], [
    { field, code: reason, message: MESSAGES[reason] },
  ]);
}
