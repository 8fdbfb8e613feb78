import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from './alphabet.js';
import { canonicalCase, normalizeCode } from './normalize.js';

describe('normalizeCode', () => {
  it('upper-cases and ignores spaces, dashes, dots and underscores', () => {
    expect(normalizeCode(' 7k2q-m3xa.9ptr_wz ')).toBe('7K2QM3XA9PTRWZ');
  });

  it('maps look-alike letters to digits: o → 0, i and l → 1', () => {
    expect(normalizeCode('oOiIlL')).toBe('001111');
  });

  it('keeps U, which the default alphabet does not contain, so that it is reported as a typo', () => {
    expect(normalizeCode('u-U')).toBe('UU');
    expect(CROCKFORD_ALPHABET).not.toContain('U');
  });

  it('normalises a prefix like any other part, so SOLO is stored as S010', () => {
    expect(normalizeCode('Solo-7K2Q')).toBe('S0107K2Q');
    expect(normalizeCode('MATHS12')).toBe('MATHS12');
  });

  it('accepts full-width characters, Unicode dashes and spaces, and zero-width characters from pasted text', () => {
    expect(normalizeCode('ｍａｔｈｓ１２')).toBe('MATHS12');
    expect(normalizeCode('7K2Q\u2013M3XA\u2014\u00A09PTR\u200B\uFEFF')).toBe('7K2QM3XA9PTR');
  });

  it('leaves every symbol of the default alphabet as it is', () => {
    for (const symbol of CROCKFORD_ALPHABET) expect(normalizeCode(symbol)).toBe(symbol);
  });

  it('is idempotent on any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (input) => {
        const once = normalizeCode(input);
        expect(normalizeCode(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on printable ASCII with separators and look-alikes', () => {
    const typed = fc.string({ unit: fc.constantFrom(...'abcdeilouxyzOIL0123 -._ABCUZ'), maxLength: 30 });
    fc.assert(
      fc.property(typed, (input) => {
        const once = normalizeCode(input);
        expect(normalizeCode(once)).toBe(once);
        expect(once).not.toMatch(/[\s\-._a-zOIL]/);
      }),
    );
  });

  it('is idempotent for every single code point of the Basic Multilingual Plane, alone and around separators', () => {
    for (let point = 0; point <= 0xffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const char = String.fromCharCode(point);
      for (const input of [char, `A-${char}`, `${char}-\u0301`]) {
        const once = normalizeCode(input);
        if (normalizeCode(once) !== once)
          expect.fail(`not idempotent for U+${point.toString(16)} in ${input}`);
      }
    }
  });
});

describe('canonicalCase', () => {
  it('upper-cases and strips separators but keeps look-alike letters for display', () => {
    expect(canonicalCase(' solo-maths ')).toBe('SOLOMATHS');
  });
});
