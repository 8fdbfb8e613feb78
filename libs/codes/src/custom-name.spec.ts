import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customNameCode, parseCustomName } from './custom-name.js';
import { CodeFormatError } from './format.js';

describe('customNameCode', () => {
  it('is the normalised prefix followed by the number: MATHS1, MATHS2, …', () => {
    expect(customNameCode('MATHS', 1)).toBe('MATHS1');
    expect(customNameCode('maths', 12)).toBe('MATHS12');
  });

  it('stores look-alike letters of the prefix as digits, as a learner typing it would produce', () => {
    expect(customNameCode('Solo', 3)).toBe('S0103');
  });

  it('refuses numbers below 1, fractions and unsafe integers', () => {
    for (const n of [0, -1, 1.5, Number.NaN, 2 ** 53])
      expect(() => customNameCode('MATHS', n)).toThrow(RangeError);
  });

  it('refuses a prefix that is empty or not letters and digits, naming the prefix field', () => {
    expect(() => customNameCode('', 1)).toThrow(CodeFormatError);
    expect(() => customNameCode('MA+THS', 1)).toThrow(expect.objectContaining({ field: 'prefix' }));
  });
});

describe('parseCustomName', () => {
  it('reads the number back from what a learner typed', () => {
    expect(parseCustomName('maths 12', 'MATHS')).toBe(12);
    expect(parseCustomName('solo3', 'Solo')).toBe(3);
  });

  it('returns null for another prefix, a missing number or leading zeros', () => {
    expect(parseCustomName('PHYS12', 'MATHS')).toBeNull();
    expect(parseCustomName('MATHS', 'MATHS')).toBeNull();
    expect(parseCustomName('MATHS012', 'MATHS')).toBeNull();
    expect(parseCustomName('MATHS12A', 'MATHS')).toBeNull();
    expect(parseCustomName('MATHS99999999999999999', 'MATHS')).toBeNull();
  });

  it('inverts customNameCode for every prefix and number', () => {
    const prefix = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      minLength: 1,
      maxLength: 16,
    });
    fc.assert(
      fc.property(prefix, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (p, n) => {
        expect(parseCustomName(customNameCode(p, n), p)).toBe(n);
      }),
    );
  });
});
