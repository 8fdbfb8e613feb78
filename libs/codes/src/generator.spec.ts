import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from './alphabet.js';
import { hasValidCheckChar } from './check-char.js';
import { CodeFormatError, type CodeFormat } from './format.js';
import { createCodeGenerator, type RandomFill } from './generator.js';
import { normalizeCode } from './normalize.js';

/**
 * A seeded byte source (mulberry32), so that the statistical tests below run on the same bytes
 * every time and cannot flake. It tests our mapping of bytes to symbols, which is where a modulo
 * bias would come from; the test with the real CSPRNG comes after.
 */
function seededRandom(seed: number): RandomFill {
  let state = seed >>> 0;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i += 4) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const word = (t ^ (t >>> 14)) >>> 0;
      for (let k = 0; k < 4 && i + k < bytes.length; k++) bytes[i + k] = (word >>> (8 * k)) & 0xff;
    }
  };
}

/** Pearson's chi-square statistic of symbol counts over all characters of `codes`. */
function chiSquare(codes: string[], alphabet: string): number {
  const counts = new Map<string, number>([...alphabet].map((symbol) => [symbol, 0]));
  let total = 0;
  for (const code of codes) {
    for (const char of code) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
      total++;
    }
  }
  const expected = total / alphabet.length;
  let statistic = 0;
  for (const observed of counts.values()) statistic += (observed - expected) ** 2 / expected;
  return statistic;
}

/**
 * Upper critical values of the chi-square distribution (scipy.stats.chi2.isf(p, dof)):
 * p = 0.001 with 9, 31 and 32 degrees of freedom, and p = 1e-6 with 31 and 32.
 */
const CRITICAL = {
  p001: { 9: 27.877, 31: 61.098, 32: 62.487 },
  p1e6: { 31: 83.643, 32: 85.232 },
};

const ALPHABET_33 = '0123456789ABCDEFGHJKMNPQRSTUVWXYZ';

describe('createCodeGenerator', () => {
  it('makes 12-character Crockford codes by default', () => {
    const code = createCodeGenerator().next();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it('makes codes that are normalised, of the right length and only from the alphabet, for any format', () => {
    const formats = fc.record({
      kind: fc.constantFrom('random' as const, 'prefixed' as const),
      length: fc.integer({ min: 4, max: 64 }),
      alphabet: fc.constantFrom(CROCKFORD_ALPHABET, '0123456789', 'ACGT', ALPHABET_33, 'XYZ'),
      checkChar: fc.boolean(),
    });
    fc.assert(
      fc.property(formats, fc.integer({ min: 1, max: 50 }), (raw, n) => {
        const format: Partial<CodeFormat> = {
          ...raw,
          prefix: raw.kind === 'prefixed' ? 'Solo' : undefined,
          suffix: raw.kind === 'random' ? 'eu' : undefined,
          checkChar: raw.checkChar && [4, 10, 32].includes(raw.alphabet.length),
        };
        const prefix = raw.kind === 'prefixed' ? 'S010' : '';
        const suffix = raw.kind === 'random' ? 'EU' : '';
        for (const code of createCodeGenerator(format).many(n)) {
          expect(normalizeCode(code)).toBe(code);
          expect(code.startsWith(prefix) && code.endsWith(suffix)).toBe(true);
          const core = code.slice(prefix.length, code.length - suffix.length);
          expect(core).toHaveLength(raw.length + (format.checkChar ? 1 : 0));
          for (const char of core) expect(raw.alphabet).toContain(char);
          if (format.checkChar) expect(hasValidCheckChar(core, raw.alphabet)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns n distinct codes from many(n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 4, max: 8 }), (n, length) => {
        const codes = createCodeGenerator({ length }).many(n);
        expect(codes).toHaveLength(n);
        expect(new Set(codes).size).toBe(n);
      }),
      { numRuns: 50 },
    );
  });

  it('returns 200,000 distinct default codes in one call', () => {
    const codes = createCodeGenerator().many(200_000);
    expect(new Set(codes).size).toBe(200_000);
  });

  it('redraws duplicates until every code of a nearly full keyspace differs', () => {
    const generator = createCodeGenerator({ alphabet: '01', length: 4, groupSize: 0 });
    const codes = generator.many(16);
    expect(new Set(codes).size).toBe(16);
    expect([...codes].sort()).toEqual(Array.from({ length: 16 }, (_, i) => i.toString(2).padStart(4, '0')));
  });

  it('redraws duplicates that a repeating random source produces', () => {
    let calls = 0;
    const fresh = seededRandom(7);
    // Hands out the same bytes for the first two draws, then fresh ones.
    const repeating: RandomFill = (bytes) => {
      if (calls++ < 2) bytes.fill(3);
      else fresh(bytes);
    };
    const codes = createCodeGenerator({}, { random: repeating }).many(1000);
    expect(new Set(codes).size).toBe(1000);
  });

  it('refuses more codes than the format can hold, and invalid counts', () => {
    const generator = createCodeGenerator({ alphabet: '01', length: 4 });
    expect(() => generator.many(17)).toThrow(/only 16 distinct codes/);
    expect(() => generator.many(-1)).toThrow(RangeError);
    expect(() => generator.many(1.5)).toThrow(RangeError);
    expect(generator.many(0)).toEqual([]);
  });

  it('refuses a Custom Name format, whose codes are numbered by the backend', () => {
    expect(() => createCodeGenerator({ kind: 'custom', prefix: 'MATHS' })).toThrow(CodeFormatError);
  });

  describe('uniformity (chi-square over 200,000 characters)', () => {
    const N = 16_667; // × 12 characters ≈ 200,000

    it('maps bytes to the 32 Crockford symbols uniformly (seeded bytes, p = 0.001, 31 degrees of freedom)', () => {
      const codes = createCodeGenerator({}, { random: seededRandom(1) }).many(N);
      expect(chiSquare(codes, CROCKFORD_ALPHABET)).toBeLessThan(CRITICAL.p001[31]);
    });

    it('maps bytes to a 33-symbol alphabet without modulo bias (seeded bytes, p = 0.001, 32 degrees of freedom)', () => {
      const codes = createCodeGenerator({ alphabet: ALPHABET_33 }, { random: seededRandom(2) }).many(N);
      expect(chiSquare(codes, ALPHABET_33)).toBeLessThan(CRITICAL.p001[32]);
    });

    it('maps bytes to digits without modulo bias (seeded bytes, p = 0.001, 9 degrees of freedom)', () => {
      const codes = createCodeGenerator({ alphabet: '0123456789' }, { random: seededRandom(3) }).many(N);
      expect(chiSquare(codes, '0123456789')).toBeLessThan(CRITICAL.p001[9]);
    });

    it('has the power to see a modulo bias: byte mod 33 on the same seeded bytes fails the same test', () => {
      const bytes = new Uint8Array(200_000);
      seededRandom(2)(bytes);
      const biased = Array.from(bytes, (b) => ALPHABET_33[b % 33]);
      expect(chiSquare(biased, ALPHABET_33)).toBeGreaterThan(CRITICAL.p001[32]);
    });

    // With crypto.getRandomValues the sample differs on every run, so the threshold is p = 1e-6:
    // a correct generator fails it once in a million runs; a modulo bias as above fails it always.
    it('is uniform with the real CSPRNG over 32 symbols (p = 1e-6, 31 degrees of freedom)', () => {
      expect(chiSquare(createCodeGenerator().many(N), CROCKFORD_ALPHABET)).toBeLessThan(CRITICAL.p1e6[31]);
    });

    it('is uniform with the real CSPRNG over 33 symbols (p = 1e-6, 32 degrees of freedom)', () => {
      const codes = createCodeGenerator({ alphabet: ALPHABET_33 }).many(N);
      expect(chiSquare(codes, ALPHABET_33)).toBeLessThan(CRITICAL.p1e6[32]);
    });

    it('is uniform at every position of the code, not only overall (CSPRNG, p = 1e-6 each)', () => {
      const codes = createCodeGenerator().many(200_000);
      for (let position = 0; position < 12; position++) {
        const column = codes.map((code) => code[position]);
        expect(chiSquare(column, CROCKFORD_ALPHABET)).toBeLessThan(CRITICAL.p1e6[31]);
      }
    });
  });
});
