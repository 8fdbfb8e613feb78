import { CROCKFORD_ALPHABET } from './alphabet.js';
import { hasValidCheckChar } from './check-char.js';
import { resolveFormat, storedPrefix, storedSuffix, type CodeFormat } from './format.js';
import { normalizeCode } from './normalize.js';

/** Which test a typed code failed; `reason` stays `code_mistyped` for all of them. */
export type MistypeDetail = 'empty' | 'prefix' | 'suffix' | 'number' | 'character' | 'length' | 'check_char';

export type TypedCheck =
  | { readonly ok: true; readonly code: string }
  | {
      readonly ok: false;
      readonly reason: 'code_mistyped';
      readonly detail: MistypeDetail;
      /** A sentence for the learner who typed the code. */
      readonly message: string;
      /** The normalised input, for logs and support. */
      readonly code: string;
    };

const TRY_AGAIN = 'Please compare it with the code you were given and type it again.';

function mistyped(code: string, detail: MistypeDetail, message: string): TypedCheck {
  return { ok: false, reason: 'code_mistyped', detail, message, code };
}

function describeAlphabet(alphabet: string): string {
  if (alphabet === CROCKFORD_ALPHABET) return 'the digits 0-9 and the letters A-Z except I, L, O and U';
  return `only these characters: ${[...alphabet].join(' ')}`;
}

/**
 * Checks what a person typed against a format before any database look-up: the prefix and suffix,
 * the characters, the length and, when the format has one, the check character. A code that
 * passes is returned normalised; one that fails gets `reason: 'code_mistyped'` and a message the
 * learner can act on.
 *
 * Only call it with a format that every live code of the project follows (a project's codes made
 * in one format, or a batch's format once the code is known): it rejects codes that do not fit.
 * The check character makes every single wrong symbol and every swap of two different neighbours
 * fail here; without one, only wrong characters and lengths are caught.
 */
export function checkTyped(input: string, format: Partial<CodeFormat> = {}): TypedCheck {
  const resolved = resolveFormat(format);
  const code = normalizeCode(input);
  if (code.length === 0) return mistyped(code, 'empty', 'Please type your code.');

  const prefix = storedPrefix(resolved);
  const shownPrefix = resolved.prefix ?? prefix;

  if (resolved.kind === 'custom') {
    const digits = code.startsWith(prefix) ? code.slice(prefix.length) : '';
    if (!/^[1-9][0-9]*$/.test(digits)) {
      return mistyped(
        code,
        'number',
        `This code should be ${shownPrefix} followed by a number, like ${shownPrefix}12. ${TRY_AGAIN}`,
      );
    }
    return { ok: true, code };
  }

  if (!code.startsWith(prefix)) {
    return mistyped(code, 'prefix', `This code should start with ${shownPrefix}. ${TRY_AGAIN}`);
  }
  const suffix = storedSuffix(resolved);
  if (!code.endsWith(suffix) || code.length < prefix.length + suffix.length) {
    return mistyped(code, 'suffix', `This code should end with ${resolved.suffix ?? suffix}. ${TRY_AGAIN}`);
  }

  const core = code.slice(prefix.length, code.length - suffix.length);
  for (const char of core) {
    if (!resolved.alphabet.includes(char)) {
      return mistyped(
        code,
        'character',
        `The character “${char}” is not used in these codes, which contain ${describeAlphabet(resolved.alphabet)}. ${TRY_AGAIN}`,
      );
    }
  }

  const expected = resolved.length + (resolved.checkChar ? 1 : 0);
  if (core.length !== expected) {
    const total = prefix.length + expected + suffix.length;
    return mistyped(
      code,
      'length',
      `This code is too ${core.length < expected ? 'short' : 'long'}: it should have ${total} characters, not counting dashes and spaces, but ${code.length} were typed. ${TRY_AGAIN}`,
    );
  }

  if (resolved.checkChar && !hasValidCheckChar(core, resolved.alphabet)) {
    return mistyped(
      code,
      'check_char',
      `This code contains a typo: a character is wrong or two characters next to each other are swapped. ${TRY_AGAIN}`,
    );
  }
  return { ok: true, code };
}
