import type { ErrorCode } from '@admit/shared';

export interface FieldError {
  field: string;
  message: string;
  /** Why, when a field can fail in several ways a client tells apart (e.g. `too_short`). */
  code?: string;
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

  static validation(field: string, message: string, code: ErrorCode = 'validation_failed'): DomainError {
    return new DomainError(code, 400, message, [{ field, message }]);
  }

  static conflict(field: string, message: string): DomainError {
    return new DomainError('conflict', 409, message, [{ field, message }]);
  }

  static forbidden(message = 'Your role in this project does not allow this'): DomainError {
    return new DomainError('forbidden', 403, message);
  }

  static unauthorized(message = 'Sign in or send a valid API key'): DomainError {
    return new DomainError('unauthorized', 401, message);
  }
}
