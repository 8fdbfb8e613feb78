import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from './alphabet.js';
import {
  CHECK_CHAR_ALPHABET_SIZES,
  computeCheckChar,
  hasValidCheckChar,
  quasigroupFor,
  supportsCheckChar,
} from './check-char.js';

const ALPHABETS: Record<number, string> = {
  4: 'ACGT',
  8: '23456789',
  10: '0123456789',
  16: '0123456789ABCDEF',
  32: CROCKFORD_ALPHABET,
};

/** Every string that differs from `code` by one symbol of `alphabet` in one place. */
function substitutions(code: string, alphabet: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i < code.length; i++) {
    for (const symbol of alphabet) {
      if (symbol !== code[i]) variants.push(code.slice(0, i) + symbol + code.slice(i + 1));
    }
  }
  return variants;
}

/** Every string obtained from `code` by swapping two different neighbours. */
function adjacentTranspositions(code: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i + 1 < code.length; i++) {
    if (code[i] !== code[i + 1]) variants.push(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2));
  }
  return variants;
}

/** A deterministic stream of bodies, so the exhaustive checks cover the same samples every run. */
function sampleBodies(alphabet: string, count: number, length: number): string[] {
  let state = 0x9e3779b9;
  const bodies: string[] = [];
  for (let b = 0; b < count; b++) {
    let body = '';
    for (let i = 0; i < length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      body += alphabet[(state >>> 24) % alphabet.length];
    }
    bodies.push(body);
  }
  return bodies;
}

describe('the Damm quasigroups', () => {
  for (const size of CHECK_CHAR_ALPHABET_SIZES) {
    it(`of order ${size} is a Latin square, so every single substitution changes the result`, () => {
      const group = quasigroupFor(size)!;
      for (let x = 0; x < size; x++) {
        const row = new Set<number>();
        const column = new Set<number>();
        for (let y = 0; y < size; y++) {
          row.add(group.table[x * size + y]);
          column.add(group.table[y * size + x]);
        }
        expect(row.size).toBe(size);
        expect(column.size).toBe(size);
      }
    });

    it(`of order ${size} is totally anti-symmetric, checked over all ${size ** 3} triples`, () => {
      const group = quasigroupFor(size)!;
      const op = (x: number, y: number) => group.table[x * size + y];
      for (let c = 0; c < size; c++) {
        for (let x = 0; x < size; x++) {
          for (let y = 0; y < size; y++) {
            if (x !== y && op(op(c, x), y) === op(op(c, y), x)) {
              expect.fail(`(${c}∘${x})∘${y} = (${c}∘${y})∘${x}`);
            }
          }
        }
      }
    });

    it(`of order ${size} gives for every state the one check symbol that leads to 0`, () => {
      const group = quasigroupFor(size)!;
      for (let s = 0; s < size; s++) expect(group.table[s * size + group.zeroColumn[s]]).toBe(0);
    });
  }

  it('is offered only for alphabets of 4, 8, 10, 16 and 32 symbols', () => {
    expect(quasigroupFor(33)).toBeUndefined();
    expect(supportsCheckChar(CROCKFORD_ALPHABET)).toBe(true);
    expect(supportsCheckChar('0123456789ABCDEFGHJKMNPQRSTUVWXYZ')).toBe(false);
    expect(() => computeCheckChar('123', '0123456')).toThrow(RangeError);
  });
});

describe('computeCheckChar and hasValidCheckChar', () => {
  it('draw the check character from the alphabet itself', () => {
    for (const body of sampleBodies(CROCKFORD_ALPHABET, 500, 12)) {
      expect(CROCKFORD_ALPHABET).toContain(computeCheckChar(body));
    }
  });

  it('accept a body followed by its check character, typed in any case and with dashes', () => {
    const body = '7K2QM3XA9PTR';
    const code = body + computeCheckChar(body);
    expect(hasValidCheckChar(code)).toBe(true);
    expect(hasValidCheckChar(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).toBe(true);
  });

  it('reject characters outside the alphabet and codes too short to carry a check', () => {
    expect(hasValidCheckChar('7K2QU')).toBe(false);
    expect(hasValidCheckChar('0')).toBe(false);
    expect(() => computeCheckChar('7K2QU')).toThrow(RangeError);
  });

  for (const size of CHECK_CHAR_ALPHABET_SIZES) {
    const alphabet = ALPHABETS[size];
    it(`detect every single substitution and adjacent transposition, check character included, over ${size} symbols (exhaustive on 200 bodies)`, () => {
      for (const body of sampleBodies(alphabet, 200, 12)) {
        const code = body + computeCheckChar(body, alphabet);
        expect(hasValidCheckChar(code, alphabet)).toBe(true);
        for (const wrong of [...substitutions(code, alphabet), ...adjacentTranspositions(code)]) {
          if (hasValidCheckChar(wrong, alphabet)) expect.fail(`${wrong} passed as ${code}`);
        }
      }
    });
  }

  it('detect a single substitution at any position of a body of any length (property)', () => {
    const body = fc.string({ unit: fc.constantFrom(...CROCKFORD_ALPHABET), minLength: 1, maxLength: 64 });
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 31 }), (text, at, shift) => {
        const code = text + computeCheckChar(text);
        const i = at % code.length;
        const replaced = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(code[i]) + shift) % 32];
        expect(hasValidCheckChar(code.slice(0, i) + replaced + code.slice(i + 1))).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('detect a swap of two different neighbours anywhere, the check character included (property)', () => {
    const body = fc.string({ unit: fc.constantFrom(...CROCKFORD_ALPHABET), minLength: 1, maxLength: 64 });
    fc.assert(
      fc.property(body, fc.nat(), (text, at) => {
        const code = text + computeCheckChar(text);
        const i = at % (code.length - 1);
        fc.pre(code[i] !== code[i + 1]);
        expect(hasValidCheckChar(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
