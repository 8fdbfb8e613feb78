import { isApiError } from './api-client';
import { fieldLabel, fieldMessage } from './field-messages';

/**
 * Wording the console chooses itself, by problem `code`. Codes not listed here show the
 * server's own `detail`, which names the cap or the conflict in words written for admins.
 */
const MESSAGES: Record<string, string> = {
  network_error: 'Cannot reach the Admit server. Check your connection and try again.',
  unauthorized: 'Your session has ended. Log in again.',
  forbidden: 'Your role in this project does not allow this.',
  internal_error:
    'Something went wrong on the server. Try again; if it keeps happening, quote the reference.',
  rate_limited: 'Too many attempts. Wait a moment, then try again.',
  dependency_unavailable: 'The server is briefly unavailable. Try again in a few seconds.',
  query_timeout: 'This search took too long. Narrow it down (a product, a batch, dates) and try again.',
  payload_too_large: 'This is too much to send at once.',
  idempotency_key_reused: 'This request changed while it was being retried. Submit it again.',
};

export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    const { problem } = error;
    const known = MESSAGES[error.code];
    if (known) return known;
    const errors = problem.errors ?? [];
    if (error.code === 'batch_too_large' && typeof problem.maxBatchSize === 'number') {
      return `At most ${problem.maxBatchSize.toLocaleString()} codes can be made in one batch in this project.`;
    }
    if (error.code === 'validation_failed' || (error.code === 'conflict' && errors.length)) {
      // One field: its sentence. Several: the form marks each; this says where to look.
      if (errors.length === 1) {
        const [only] = errors;
        return `${fieldLabel(only!.field)}: ${fieldMessage(only!.field, only!.code, problem)}`;
      }
      return errors.length
        ? 'Some details need correcting; see the marked fields.'
        : 'Check what you entered.';
    }
    return problem.detail || problem.title || 'The request failed.';
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
