import { describe, expect, it } from 'vitest';
import { assessKeyspace, GUESS_ATTEMPTS, MAX_GUESS_PROBABILITY, MAX_OCCUPANCY } from './keyspace.js';

describe('assessKeyspace', () => {
  it('gives the default format 60 bits and room for about 1.15 billion codes', () => {
    const result = assessKeyspace({}, 0, 1_000_000);
    expect(result.ok).toBe(true);
    expect(result.guessable).toBe(false);
    expect(result.keyspace).toBe(2 ** 60);
    expect(result.keyspaceBits).toBe(60);
    expect(result.maxSafeCount).toBeGreaterThan(1.15e9);
    expect(result.maxSafeCount).toBeLessThan(1.16e9);
    expect(result.guessProbability).toBeCloseTo(GUESS_ATTEMPTS * (1_000_000 / 2 ** 60), 12);
    expect(result.reason).toBeUndefined();
  });

  it('allows exactly maxSafeCount codes and refuses one more', () => {
    const { maxSafeCount } = assessKeyspace({ length: 10 }, 0, 0);
    expect(assessKeyspace({ length: 10 }, maxSafeCount - 1000, 1000).ok).toBe(true);
    const over = assessKeyspace({ length: 10 }, maxSafeCount - 1000, 1001);
    expect(over.ok).toBe(false);
    expect(over.guessProbability).toBeGreaterThan(MAX_GUESS_PROBABILITY);
  });

  it('refuses 1,500 codes of 8 Crockford symbols, with the reason, how many more fit and the length that would do', () => {
    const result = assessKeyspace({ length: 8 }, 1000, 500);
    expect(result).toMatchObject({ ok: false, maxSafeCount: 1100, remainingCount: 100, minSafeLength: 9 });
    expect(result.reason).toContain('a million random tries would find one');
    expect(result.reason).toContain('Use codes of at least 9 characters');
  });

  it('counts the codes already in the project', () => {
    expect(assessKeyspace({ length: 10 }, 0, 1_000_000).ok).toBe(true);
    expect(assessKeyspace({ length: 10 }, 500_000, 1_000_000).ok).toBe(false);
  });

  it('keeps occupancy far below 1/1000 whenever it accepts', () => {
    expect(MAX_OCCUPANCY).toBeCloseTo(1.0005e-9, 12);
    const result = assessKeyspace({ length: 10 }, 0, 1_000_000);
    expect(result.occupancy).toBeLessThan(1e-3);
    expect(result.occupancy).toBeLessThanOrEqual(MAX_OCCUPANCY);
  });

  it('gives no extra entropy for a check character, a prefix or a suffix', () => {
    const plain = assessKeyspace({ length: 10 }, 0, 0).keyspace;
    expect(assessKeyspace({ length: 10, checkChar: true }, 0, 0).keyspace).toBe(plain);
    expect(
      assessKeyspace({ kind: 'prefixed', prefix: 'MATHS', length: 10, suffix: 'EU' }, 0, 0).keyspace,
    ).toBe(plain);
  });

  it('uses the alphabet size: 10 digits are 33.2 bits', () => {
    expect(assessKeyspace({ alphabet: '0123456789', length: 10 }, 0, 0).keyspaceBits).toBeCloseTo(33.22, 2);
    expect(assessKeyspace({ alphabet: '0123456789', length: 10 }, 0, 100).ok).toBe(false);
  });

  it('accepts Custom Name codes but flags them as guessable with a warning', () => {
    const result = assessKeyspace({ kind: 'custom', prefix: 'MATHS' }, 10, 5000);
    expect(result).toMatchObject({ ok: true, guessable: true, guessProbability: 1 });
    expect(result.warning).toContain('MATHS1, MATHS2');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => assessKeyspace({}, -1, 1)).toThrow(RangeError);
    expect(() => assessKeyspace({}, 0, 0.5)).toThrow(RangeError);
  });
});
