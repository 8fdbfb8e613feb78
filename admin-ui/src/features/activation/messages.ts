import { isApiError } from '@/app/api-client';

/** What a learner reads for each refusal: plain words, no codes or status numbers. */
const LEARNER_MESSAGES: Record<string, { title: string; text: string }> = {
  code_not_found: {
    title: 'We could not find this code',
    text: 'Check that it matches the code you were given. A code that was already used or switched off cannot be activated either.',
  },
  code_mistyped: {
    title: 'This code has a typo',
    text: 'One of its characters does not match. Compare it carefully with the code you were given; 0 and O, or 1 and I, are easy to mix up.',
  },
  code_inactive: { title: 'This code was switched off', text: 'Ask whoever gave it to you for a new one.' },
  code_expired: { title: 'This code has expired', text: 'Ask whoever gave it to you for a new one.' },
  code_not_yet_valid: {
    title: 'This code is not valid yet',
    text: 'It can be activated from a later date. Try again then, or ask whoever gave it to you.',
  },
  code_already_redeemed: { title: 'This code was already used', text: 'Each code can be activated once.' },
  code_exhausted: {
    title: 'This code has been used up',
    text: 'It has been activated the maximum number of times.',
  },
  already_redeemed_by_learner: {
    title: 'You have already activated this code',
    text: 'This email address has used this code before, so your access is already set up.',
  },
  rate_limited: {
    title: 'Too many attempts',
    text: 'For safety, codes from your network are paused for a moment.',
  },
  network_error: {
    title: 'We could not reach the server',
    text: 'Check your connection and try again.',
  },
};

const FALLBACK = { title: 'Something went wrong', text: 'Please try again in a moment.' };

export function learnerMessage(error: unknown): { title: string; text: string; code?: string } {
  if (!isApiError(error)) return FALLBACK;
  const known = LEARNER_MESSAGES[error.code];
  if (known) return { ...known, code: error.code };
  return { title: FALLBACK.title, text: error.problem.detail || FALLBACK.text, code: error.code };
}
