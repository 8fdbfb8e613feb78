import type { CodeFormatError } from '@admit/codes';
import type { FieldErrorCode } from '@admit/shared';

/** The stable field code of a format the code library refuses (a project's default or a batch's). */
export function codeFormatFieldCode(err: CodeFormatError): FieldErrorCode {
  if (err.field === 'prefix' || err.field === 'suffix' || err.field === 'alphabet') return 'invalid_format';
  if (err.field === 'kind') return 'not_allowed_value';
  return 'invalid';
}
