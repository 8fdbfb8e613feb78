/**
 * Characters a person may type or paste between the symbols of a code and that carry no meaning:
 * white space (including no-break spaces), zero-width characters that come along with copy and
 * paste from e-mails, hyphens and the Unicode dashes and minus sign, dots, underscores and the
 * soft hyphen.
 */
const SEPARATORS = /[\s\u00AD\u200B-\u200D\u2060\uFEFF\-\u2010-\u2015\u2212._]/gu;
const ASCII_SEPARATORS = /[\s\-._]/g;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

const LOOK_ALIKES = /[OIL]/g;
const LOOK_ALIKE_DIGIT: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/** Upper-cases and strips separators once; see {@link canonicalCase}. */
function foldOnce(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(SEPARATORS, '').normalize('NFKC');
}

/**
 * Case-folds and strips separators, without mapping look-alikes. This is the form in which a
 * prefix or suffix is displayed, so that `MATHS` or `SOLO` keep their letters on screen.
 *
 * Printable ASCII, which is what codes are made of, takes a direct path. Anything else goes
 * through NFKC first, so full-width `ＭＡＴＨＳ` from some phone keyboards counts as `MATHS`; as
 * upper-casing and removing a separator can each leave a string that NFKC would change again
 * (`A-\u0301`), that path repeats until nothing changes, which makes the result idempotent.
 */
export function canonicalCase(input: string): string {
  if (PRINTABLE_ASCII.test(input)) return input.toUpperCase().replace(ASCII_SEPARATORS, '');
  let current = foldOnce(input);
  for (let round = 0; round < 8; round++) {
    const next = foldOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * The one normalisation used when a code is generated, stored, searched and redeemed.
 *
 * - upper case (after NFKC, so full-width `ａｂｃ` counts as `ABC`);
 * - spaces, dashes, dots and underscores are removed (also no-break and zero-width spaces);
 * - look-alikes are mapped: `O` → `0`, `I` → `1`, `L` → `1`;
 * - `U` is left as it is: it is not a look-alike of a symbol of the default alphabet, so it stays
 *   a character the default alphabet does not contain and a typed `U` is reported as a typo.
 *
 * Idempotent: `normalizeCode(normalizeCode(x)) === normalizeCode(x)`.
 */
export function normalizeCode(input: string): string {
  return canonicalCase(input).replace(LOOK_ALIKES, (c) => LOOK_ALIKE_DIGIT[c] ?? c);
}
