import type { ErrorCode, FieldErrorCode } from '@admit/shared';

/** One field's refusal: `code` is stable (see FIELD_ERROR_CODES), `message` the English default. */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: string;
}

/**
 * A refusal the caller can act on. Services throw these; the one global filter turns them
 * into `application/problem+json` with the stable `code`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', 404, `${what} not found`);
  }

  static validation(field: string, message: string, fieldCode: FieldErrorCode = 'invalid'): DomainError {
    return new DomainError('validation_failed', 400, message, [{ field, code: fieldCode, message }]);
  }

  static conflict(field: string, message: string, fieldCode: FieldErrorCode = 'taken'): DomainError {
    return new DomainError('conflict', 409, message, [{ field, code: fieldCode, message }]);
  }

  static forbidden(message = 'Your role in this project does not allow this'): DomainError {
    return new DomainError('forbidden', 403, message);
  }

  static unauthorized(message = 'Sign in or send a valid API key'): DomainError {
    return new DomainError('unauthorized', 401, message);
  }
}
