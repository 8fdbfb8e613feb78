import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldErrorCode } from '@admit/shared';
import { DomainError, type FieldError } from './domain-error.js';

/** class-validator constraint names → the stable per-field codes of DESIGN §5. */
const CONSTRAINT_CODES: Record<string, FieldErrorCode> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  whitelistValidation: 'unknown_field',
  isString: 'invalid_type',
  isInt: 'invalid_type',
  isNumber: 'invalid_type',
  isBoolean: 'invalid_type',
  isArray: 'invalid_type',
  isObject: 'invalid_type',
  isDate: 'invalid_date',
  nestedValidation: 'invalid_type',
  isEmail: 'invalid_email',
  isUrl: 'invalid_url',
  isUuid: 'invalid_uuid',
  isDateString: 'invalid_date',
  isIso8601: 'invalid_date',
  minLength: 'too_short',
  arrayMinSize: 'too_short',
  arrayNotEmpty: 'too_short',
  maxLength: 'too_long',
  arrayMaxSize: 'too_long',
  min: 'too_small',
  max: 'too_large',
  minDate: 'in_the_past',
  isIn: 'not_allowed_value',
  isEnum: 'not_allowed_value',
  arrayUnique: 'not_unique',
  matches: 'invalid_format',
};

/** The field code of one class-validator constraint; a missing value is `required`. */
export function fieldCode(constraint: string, value: unknown): FieldErrorCode {
  if ((value === undefined || value === null) && constraint !== 'whitelistValidation') return 'required';
  return CONSTRAINT_CODES[constraint] ?? 'invalid';
}

/** Flattens class-validator's tree into `[{field: 'learner.email', code, message}]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field,
        code: fieldCode(constraint, error.value),
        message: message.replace(/^property (\S+) should not exist$/, 'unknown field $1'),
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** A NUL, or a UTF-16 surrogate without its other half (not encodable as UTF-8, nor storable in PostgreSQL). */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const HOSTILE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deepest nesting of a JSON body; deeper bodies are refused before anything walks them. */
export const MAX_JSON_DEPTH = 32;

/**
 * The first string (value or key) in `value` holding a NUL or an unpaired surrogate, or a nesting
 * deeper than MAX_JSON_DEPTH, as a field error whose `field` is the path (`learner.externalId`,
 * `events.0`), or `whole` for the value itself. Iterative, so a hostile depth cannot overflow
 * the stack.
 */
export function findHostileInput(value: unknown, whole: string): FieldError | null {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length) {
    const [node, path, depth] = stack.pop()!;
    const field = path || whole;
    if (typeof node === 'string') {
      if (HOSTILE.test(node)) return hostileString(field);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH)
      return { field, code: 'too_deep', message: `${field} is nested deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(node)) {
      if (HOSTILE.test(key)) return hostileString(field);
      stack.push([child, path ? `${path}.${key}` : key, depth + 1]);
    }
  }
  return null;
}

function hostileString(field: string): FieldError {
  return {
    field,
    code: 'not_allowed_character',
    message: `${field} contains a NUL character or an unpaired UTF-16 surrogate`,
  };
}

/** Throws the 400 of `findHostileInput` for the first bad part of a request, if any. */
export function assertNoHostileInput(parts: { body?: unknown; query?: unknown; params?: unknown }): void {
  const bad =
    findHostileInput(parts.params, 'params') ??
    findHostileInput(parts.query, 'query') ??
    findHostileInput(parts.body, 'body');
  if (bad) throw new DomainError('validation_failed', 400, bad.message, [bad]);
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    // `value` is read for the `required` code only; it is never echoed to the caller.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
      return new DomainError('validation_failed', 400, `Invalid request: check ${fields}`, fieldErrors);
    },
  });
}
