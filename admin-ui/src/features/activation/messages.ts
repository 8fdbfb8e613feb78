import { isApiError } from '@/app/api-client';
import { formatDateTime } from '@/app/format';

/** What a learner reads for a refusal: what happened, and what to do next. No codes, no numbers. */
export interface LearnerMessage {
  title: string;
  text: string;
  /** What to do next. */
  next: string;
  code?: string;
}

/** Who to turn to, named the same way everywhere. */
const ASK = 'whoever gave you the code';

/**
 * One message per refusal (DESIGN §3.14). `activatedHere` is when this browser activated the code
 * (remembered after a success), so a learner who re-opens their own email link is told it was them.
 */
export function learnerMessage(error: unknown, activatedHere?: string | null): LearnerMessage {
  if (!isApiError(error))
    return { title: 'Something went wrong', text: '', next: 'Please try again in a moment.' };
  const { problem, code } = error;
  const on = (iso: string | undefined) => (iso ? ` on ${formatDateTime(iso)}` : '');
  switch (code) {
    case 'code_not_found':
      return {
        code,
        title: 'We could not find this code',
        text: 'No code matches what was typed.',
        next: `Check it against the code you were given, character by character. If it still does not work, ask ${ASK}.`,
      };
    case 'code_mistyped':
      return {
        code,
        title: 'This code has a typo',
        text: 'One of its characters does not match.',
        next: 'Compare it carefully with the code you were given; 0 and O, or 1 and I, are easy to mix up.',
      };
    case 'code_inactive':
      return {
        code,
        title: 'This code has been deactivated',
        text: 'It was switched off by the people who issued it, so it cannot be activated now.',
        next: `Ask ${ASK} for a new code, or to switch this one back on.`,
      };
    case 'code_not_yet_valid':
      return {
        code,
        title: 'This code is not valid yet',
        text: problem.validFrom
          ? `It can be activated from ${formatDateTime(problem.validFrom)}.`
          : 'It can be activated from a later date.',
        next: 'Come back then and open the same link again.',
      };
    case 'code_expired':
      return {
        code,
        title: 'This code has expired',
        text: problem.validTill
          ? `It could be activated until ${formatDateTime(problem.validTill)}.`
          : 'Its time to be activated is over.',
        next: `Ask ${ASK} for a new code.`,
      };
    case 'code_already_redeemed':
      if (activatedHere) return activatedByYou(activatedHere);
      return {
        code,
        title: 'This code was used by someone else',
        text: 'It has already been activated, and each code can be activated only once.',
        next: `Ask ${ASK} for a new code. If you activated it yourself on another device, your access is already set up: sign in with the email address you used.`,
      };
    case 'code_exhausted':
      if (activatedHere) return activatedByYou(activatedHere);
      return {
        code,
        title: 'This code has reached its limit',
        text: problem.maxRedemptions
          ? `It has been activated ${problem.maxRedemptions.toLocaleString()} time${problem.maxRedemptions === 1 ? '' : 's'}, the most it allows.`
          : 'It has been activated the most times it allows.',
        next: `Ask ${ASK} for a new code.`,
      };
    case 'already_redeemed_by_learner':
      return {
        code,
        title: 'You have already activated this code',
        text: `This email address activated it${on(problem.redeemedAt ?? activatedHere ?? undefined)}, so your access is already set up.`,
        next: 'Sign in with this email address to start.',
      };
    case 'rate_limited':
      return {
        code,
        title: 'Too many attempts',
        text: 'For safety, codes from your network are paused for a moment.',
        next: 'Wait, then try again.',
      };
    case 'network_error':
      return {
        code,
        title: 'We could not reach the server',
        text: 'Your connection or our server did not answer.',
        next: 'Check your connection and try again.',
      };
    default:
      return { code, title: 'Something went wrong', text: '', next: 'Please try again in a moment.' };
  }
}

function activatedByYou(at: string): LearnerMessage {
  return {
    code: 'activated_by_you',
    title: 'You have already activated this code',
    text: `You activated it on ${formatDateTime(at)}, on this device, so your access is already set up.`,
    next: 'Sign in with the email address you used to start.',
  };
}

const STORE_PREFIX = 'admit.activated.';

/** Remembers on this device that the learner activated `code`, so re-opening the link says so. */
export function rememberActivation(projectSlug: string, code: string, redeemedAt: string): void {
  try {
    globalThis.localStorage?.setItem(`${STORE_PREFIX}${projectSlug}.${code}`, redeemedAt);
  } catch {
    // Private mode or storage full: the page then says "used" rather than "used by you".
  }
}

export function activationRemembered(projectSlug: string, code: string): string | null {
  try {
    return globalThis.localStorage?.getItem(`${STORE_PREFIX}${projectSlug}.${code}`) ?? null;
  } catch {
    return null;
  }
}
