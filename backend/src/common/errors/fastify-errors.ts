import type { ErrorCode } from '@admit/shared';
import type { FieldError } from './domain-error.js';

export interface MappedError {
  status: number;
  /** Absent: the caller's code for the status. */
  code?: ErrorCode;
  detail: string;
  errors: FieldError[];
}

/** Errors Fastify raises itself (router, body parser), as the problem each one answers. */
const FASTIFY_ERRORS: Record<string, MappedError> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'validation_failed',
    detail: 'The URL is malformed (bad percent-encoding)',
    errors: [{ field: 'url', code: 'invalid', message: 'The URL is malformed' }],
  },
  FST_ERR_INVALID_URL: {
    status: 400,
    code: 'validation_failed',
    detail: 'The URL is malformed',
    errors: [{ field: 'url', code: 'invalid', message: 'The URL is malformed' }],
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'uri_too_long',
    detail: 'A path parameter is too long',
    errors: [{ field: 'url', code: 'too_long', message: 'A path parameter is too long' }],
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    detail: 'Send the body as application/json',
    errors: [
      { field: 'content-type', code: 'not_allowed_value', message: 'content-type must be application/json' },
    ],
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    detail: 'The body is larger than this API accepts (1 MiB)',
    errors: [{ field: 'body', code: 'too_long', message: 'The body is larger than 1 MiB' }],
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'validation_failed',
    detail: 'content-length does not match the body',
    errors: [{ field: 'content-length', code: 'invalid', message: 'content-length does not match the body' }],
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'validation_failed',
    detail: 'The body is empty but content-type says JSON',
    errors: [{ field: 'body', code: 'required', message: 'The body is empty' }],
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'validation_failed',
    detail: 'The body is not valid JSON',
    errors: [{ field: 'body', code: 'invalid_format', message: 'The body is not valid JSON' }],
  },
};

/**
 * The problem for an error Fastify raised (an `FST_*` code, its JSON parser's SyntaxError, or any
 * error carrying a 4xx `statusCode`); null for anything else. Messages are ours, so nothing
 * internal leaks.
 */
export function mapFastifyError(exception: unknown): MappedError | null {
  const error = exception as { code?: unknown; statusCode?: unknown; name?: unknown };
  if (!error || typeof error !== 'object') return null;
  const known = typeof error.code === 'string' ? FASTIFY_ERRORS[error.code] : undefined;
  if (known) return known;
  const status = typeof error.statusCode === 'number' ? error.statusCode : 0;
  if (status < 400 || status >= 500) return null;
  if (error.name === 'SyntaxError') return FASTIFY_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY;
  // Any other error that carries a 4xx (a Fastify plugin's, an http-errors one): its status, our words.
  return {
    status,
    detail: 'The request cannot be read',
    errors: [{ field: 'request', code: 'invalid', message: 'The request cannot be read' }],
  };
}
