import { CROCKFORD_ALPHABET } from './alphabet.js';
import { CHECK_CHAR_ALPHABET_SIZES, supportsCheckChar } from './check-char.js';
import { canonicalCase, normalizeCode } from './normalize.js';

/**
 * - `random`: a random part (default 12 Crockford symbols), shown grouped `XXXX-XXXX-XXXX`;
 * - `prefixed`: a fixed prefix then a random part, stored `MATHS7K2Q…`, shown `MATHS-7K2Q-…`;
 * - `custom`: Custom Name, a prefix then a decimal number (`MATHS1`, `MATHS2`, …). Sequential and
 *   therefore guessable; the backend owns the counter.
 */
export type CodeKind = 'random' | 'custom' | 'prefixed';

export const CODE_KINDS: readonly CodeKind[] = ['random', 'custom', 'prefixed'];

export interface CodeFormat {
  readonly kind: CodeKind;
  /** Length of the random part, without prefix, suffix or check character. Default 12. */
  readonly length: number;
  /** Symbols of the random part. Default {@link CROCKFORD_ALPHABET}. */
  readonly alphabet: string;
  /** Symbols per group when displayed; 0 shows the random part in one piece. Default 4. */
  readonly groupSize: number;
  /**
   * Display form of the prefix (upper case, separators removed). The stored code starts with
   * `normalizeCode(prefix)`, so `SOLO` is shown as `SOLO` and stored as `S010`.
   */
  readonly prefix?: string;
  /** Display form of a fixed suffix after the random part (random and prefixed kinds). */
  readonly suffix?: string;
  /** Append a Damm check character to the random part. Default false. */
  readonly checkChar: boolean;
}

export type CodeFormatField = keyof CodeFormat;

/** A format that cannot be used, naming the offending field (for a 400 with `errors: [{field}]`). */
export class CodeFormatError extends Error {
  override readonly name = 'CodeFormatError';
  readonly code = 'invalid_code_format';
  readonly field: CodeFormatField;

  constructor(field: CodeFormatField, message: string) {
    super(message);
    this.field = field;
  }
}

export const MIN_CODE_LENGTH = 4;
export const MAX_CODE_LENGTH = 64;
export const MAX_AFFIX_LENGTH = 16;
export const MAX_GROUP_SIZE = 16;

export const DEFAULT_CODE_FORMAT: CodeFormat = Object.freeze({
  kind: 'random',
  length: 12,
  alphabet: CROCKFORD_ALPHABET,
  groupSize: 4,
  checkChar: false,
});

const resolved = new WeakSet<CodeFormat>();
const AFFIX = /^[0-9A-Z]+$/;

function integerIn(field: CodeFormatField, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CodeFormatError(field, `${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function affix(field: 'prefix' | 'suffix', value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new CodeFormatError(field, `${field} must be text`);
  const display = canonicalCase(value);
  if (display.length === 0 || display.length > MAX_AFFIX_LENGTH || !AFFIX.test(display)) {
    throw new CodeFormatError(
      field,
      `${field} must be 1 to ${MAX_AFFIX_LENGTH} letters A-Z or digits 0-9 (spaces and dashes are ignored)`,
    );
  }
  return display;
}

function alphabetOf(value: unknown): string {
  if (typeof value !== 'string') throw new CodeFormatError('alphabet', 'alphabet must be text');
  const seen = new Set<string>();
  for (const symbol of value) {
    if (!/^[0-9A-Z]$/.test(symbol) || normalizeCode(symbol) !== symbol) {
      throw new CodeFormatError(
        'alphabet',
        `alphabet may hold only digits and upper-case letters other than I, L and O (found "${symbol}")`,
      );
    }
    if (seen.has(symbol)) throw new CodeFormatError('alphabet', `alphabet lists "${symbol}" twice`);
    seen.add(symbol);
  }
  if (seen.size < 2) throw new CodeFormatError('alphabet', 'alphabet needs at least 2 different symbols');
  return value;
}

/**
 * Fills in defaults and validates a (possibly untrusted, e.g. JSON) partial format. Throws
 * {@link CodeFormatError} naming the field at fault. The result is frozen, and prefix and suffix
 * are in their display form.
 */
export function resolveFormat(partial: Partial<CodeFormat> = {}): CodeFormat {
  if (resolved.has(partial as CodeFormat)) return partial as CodeFormat;
  if (typeof partial !== 'object' || partial === null)
    throw new CodeFormatError('kind', 'format must be an object');
  const input = { ...DEFAULT_CODE_FORMAT, ...withoutUndefined(partial) };

  if (!CODE_KINDS.includes(input.kind)) {
    throw new CodeFormatError('kind', `kind must be one of ${CODE_KINDS.join(', ')}`);
  }
  const length = integerIn('length', input.length, MIN_CODE_LENGTH, MAX_CODE_LENGTH);
  const alphabet = alphabetOf(input.alphabet);
  const groupSize = integerIn('groupSize', input.groupSize, 0, MAX_GROUP_SIZE);
  const prefix = affix('prefix', input.prefix);
  const suffix = affix('suffix', input.suffix);
  if (typeof input.checkChar !== 'boolean')
    throw new CodeFormatError('checkChar', 'checkChar must be true or false');
  const checkChar = input.checkChar;

  if (input.kind === 'random' && prefix) {
    throw new CodeFormatError('prefix', 'a random format has no prefix; use kind "prefixed"');
  }
  if (input.kind !== 'random' && !prefix) {
    throw new CodeFormatError(
      'prefix',
      `a ${input.kind === 'custom' ? 'Custom Name' : 'prefixed'} format needs a prefix`,
    );
  }
  if (input.kind === 'custom' && suffix) {
    throw new CodeFormatError('suffix', 'a Custom Name code ends with its number and takes no suffix');
  }
  if (input.kind === 'custom' && checkChar) {
    throw new CodeFormatError('checkChar', 'a Custom Name code has no check character');
  }
  if (checkChar && !supportsCheckChar(alphabet)) {
    throw new CodeFormatError(
      'checkChar',
      `a check character needs an alphabet of ${CHECK_CHAR_ALPHABET_SIZES.join(', ')} symbols, not ${alphabet.length}`,
    );
  }

  const format: CodeFormat = Object.freeze({
    kind: input.kind,
    length,
    alphabet,
    groupSize,
    ...(prefix ? { prefix } : {}),
    ...(suffix ? { suffix } : {}),
    checkChar,
  });
  resolved.add(format);
  return format;
}

function withoutUndefined(partial: Partial<CodeFormat>): Partial<CodeFormat> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}

/** The prefix as it appears in stored codes (`SOLO` → `S010`), or `''`. */
export function storedPrefix(format: CodeFormat): string {
  return format.prefix ? normalizeCode(format.prefix) : '';
}

/** The suffix as it appears in stored codes, or `''`. */
export function storedSuffix(format: CodeFormat): string {
  return format.suffix ? normalizeCode(format.suffix) : '';
}

/** Length of a stored random or prefixed code of this format. */
export function storedLength(format: CodeFormat): number {
  return (
    storedPrefix(format).length + format.length + (format.checkChar ? 1 : 0) + storedSuffix(format).length
  );
}
