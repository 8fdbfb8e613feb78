import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from './alphabet.js';
import { customNameCode } from './custom-name.js';
import { formatForDisplay } from './display.js';
import { type CodeFormat } from './format.js';
import { createCodeGenerator } from './generator.js';
import { normalizeCode } from './normalize.js';

/** Valid formats of the random and prefixed kinds, in all their options. */
const randomFormats: fc.Arbitrary<Partial<CodeFormat>> = fc
  .record({
    kind: fc.constantFrom('random' as const, 'prefixed' as const),
    length: fc.integer({ min: 4, max: 64 }),
    alphabet: fc.constantFrom(
      CROCKFORD_ALPHABET,
      '0123456789',
      '0123456789ABCDEF',
      'ACGT',
      'XY',
      '0123456789ABCDEFGHJKMNPQRSTUVWXYZ',
    ),
    groupSize: fc.integer({ min: 0, max: 16 }),
    prefix: fc.constantFrom('MATHS', 'Solo', 'bio-2', 'x'),
    suffix: fc.constantFrom(undefined, 'EU', 'lo'),
    checkChar: fc.boolean(),
  })
  .map((format) => ({
    ...format,
    prefix: format.kind === 'prefixed' ? format.prefix : undefined,
    checkChar: format.checkChar && [4, 8, 10, 16, 32].includes(format.alphabet.length),
  }));

describe('formatForDisplay', () => {
  it('groups a random code as XXXX-XXXX-XXXX', () => {
    expect(formatForDisplay('7K2QM3XA9PTR')).toBe('7K2Q-M3XA-9PTR');
    expect(formatForDisplay('7K2QM3XA9PTR', { groupSize: 0 })).toBe('7K2QM3XA9PTR');
    expect(formatForDisplay('7K2QM3XA9P', { length: 10, groupSize: 3 })).toBe('7K2-QM3-XA9-P');
  });

  it('joins the prefix with a dash and shows it with its letters', () => {
    const format = { kind: 'prefixed', prefix: 'Solo' } as const;
    expect(formatForDisplay('S0107K2QM3XA9PTR', format)).toBe('SOLO-7K2Q-M3XA-9PTR');
    expect(formatForDisplay('MATHS7K2QM3XA9PTR', { kind: 'prefixed', prefix: 'MATHS' })).toBe(
      'MATHS-7K2Q-M3XA-9PTR',
    );
  });

  it('adds the check character to the last group and the suffix as its own group', () => {
    expect(formatForDisplay('7K2QM3XA9PTRJEU', { checkChar: true, suffix: 'EU' })).toBe('7K2Q-M3XA-9PTRJ-EU');
  });

  it('shows a Custom Name code as it is, with the prefix in its display form', () => {
    expect(formatForDisplay('MATHS12', { kind: 'custom', prefix: 'MATHS' })).toBe('MATHS12');
    expect(formatForDisplay('S0103', { kind: 'custom', prefix: 'Solo' })).toBe('SOLO3');
  });

  it('groups an edited code that does not fit the format as a whole', () => {
    expect(formatForDisplay('HELLO2024', { kind: 'prefixed', prefix: 'MATHS' })).toBe('HELL-O202-4');
    expect(formatForDisplay('WINTER', { kind: 'custom', prefix: 'MATHS' })).toBe('WINTER');
  });

  it('normalises back to the generated code for every format (normalise ∘ display = identity)', () => {
    fc.assert(
      fc.property(randomFormats, (format) => {
        for (const code of createCodeGenerator(format).many(10)) {
          expect(normalizeCode(formatForDisplay(code, format))).toBe(code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('normalises back to any stored code made of digits and letters, even one that does not fit the format', () => {
    const stored = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTUVWXYZ'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(randomFormats, stored, (format, code) => {
        expect(normalizeCode(formatForDisplay(code, format))).toBe(code);
      }),
    );
  });

  it('normalises back to Custom Name codes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('MATHS', 'Solo', 'Bio'),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (prefix, n) => {
          const code = customNameCode(prefix, n);
          expect(normalizeCode(formatForDisplay(code, { kind: 'custom', prefix }))).toBe(code);
        },
      ),
    );
  });
});
