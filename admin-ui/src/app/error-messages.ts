import { isApiError } from './api-client';

/**
 * Wording the console chooses itself, by problem `code`. Codes not listed here show the
 * server's own `detail`, which names the field, the cap or the conflict.
 */
const MESSAGES: Record<string, string> = {
  network_error: 'Cannot reach the Admit server. Check your connection and try again.',
  unauthorized: 'Your session has ended. Log in again.',
  forbidden: 'Your role in this project does not allow this.',
  internal_error:
    'Something went wrong on the server. Try again; if it keeps happening, quote the reference.',
  rate_limited: 'Too many attempts. Wait a moment, then try again.',
};

export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    return MESSAGES[error.code] ?? (error.problem.detail || error.problem.title || 'The request failed.');
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
