import { CROCKFORD_ALPHABET } from './alphabet.js';
import { normalizeCode } from './normalize.js';

/**
 * A totally anti-symmetric quasigroup of order `size`, as used by Damm's check-digit algorithm.
 *
 * `table[x * size + y]` is `x ∘ y`. Being a Latin square, a single wrong symbol always changes the
 * result; total anti-symmetry (`(c ∘ x) ∘ y = (c ∘ y) ∘ x` only when `x = y`) means that swapping
 * two different neighbours always changes it too, including a swap with the check symbol, which
 * is just the last symbol of the checked string. `zeroColumn[s]` is the symbol `c` with `s ∘ c = 0`.
 */
export interface Quasigroup {
  readonly size: number;
  readonly table: Uint8Array;
  readonly zeroColumn: Uint8Array;
}

/**
 * Irreducible polynomials for GF(2^k), k = 2..5, so that alphabets of 4, 8, 16 and 32 symbols can
 * carry a check symbol. Over GF(2^k), `x ∘ y = 2·x ⊕ y` is totally anti-symmetric because both
 * multiplication by 2 and by 2 ⊕ 1 = 3 are bijections of the field (Damm, 2004).
 */
const FIELD_POLYNOMIALS: Readonly<Record<number, number>> = {
  4: 0b111,
  8: 0b1011,
  16: 0b10011,
  32: 0b100101,
};

/** Damm's published quasigroup of order 10, for digit-only alphabets. */
const DAMM_ORDER_10 = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** Alphabet sizes that can carry a check symbol drawn from the alphabet itself. */
export const CHECK_CHAR_ALPHABET_SIZES: readonly number[] = [4, 8, 10, 16, 32];

const cache = new Map<number, Quasigroup>();

function build(size: number): Quasigroup {
  const table = new Uint8Array(size * size);
  const polynomial = FIELD_POLYNOMIALS[size];
  for (let x = 0; x < size; x++) {
    let doubled = 0;
    if (polynomial !== undefined) {
      doubled = x << 1;
      if (doubled & size) doubled ^= polynomial;
    }
    for (let y = 0; y < size; y++) {
      table[x * size + y] = polynomial !== undefined ? doubled ^ y : DAMM_ORDER_10[x][y];
    }
  }
  const zeroColumn = new Uint8Array(size);
  for (let s = 0; s < size; s++) {
    for (let c = 0; c < size; c++) if (table[s * size + c] === 0) zeroColumn[s] = c;
  }
  return { size, table, zeroColumn };
}

/** The quasigroup for an alphabet of `size` symbols, or `undefined` when no check symbol is offered. */
export function quasigroupFor(size: number): Quasigroup | undefined {
  if (!CHECK_CHAR_ALPHABET_SIZES.includes(size)) return undefined;
  let group = cache.get(size);
  if (!group) {
    group = build(size);
    cache.set(size, group);
  }
  return group;
}

/** Whether `alphabet` can carry a check symbol: its size is one of {@link CHECK_CHAR_ALPHABET_SIZES}. */
export function supportsCheckChar(alphabet: string): boolean {
  return CHECK_CHAR_ALPHABET_SIZES.includes(alphabet.length);
}

function requireGroup(alphabet: string): Quasigroup {
  const group = quasigroupFor(alphabet.length);
  if (!group) {
    throw new RangeError(
      `A check character needs an alphabet of ${CHECK_CHAR_ALPHABET_SIZES.join(', ')} symbols, not ${alphabet.length}`,
    );
  }
  return group;
}

/** Runs Damm's algorithm over `text`; returns the final state, or -1 if a symbol is not in the alphabet. */
function dammState(text: string, alphabet: string, group: Quasigroup): number {
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const symbol = alphabet.indexOf(text[i]);
    if (symbol < 0) return -1;
    state = group.table[state * group.size + symbol];
  }
  return state;
}

/**
 * The check symbol to append to `body` (a string of `alphabet` symbols), using Damm's algorithm
 * over a totally anti-symmetric quasigroup of the alphabet's size. The symbol is always one of the
 * alphabet's own symbols, so a code with a check symbol needs no extra characters (no `*~$=U` as in
 * Crockford's mod-37 scheme, whose `=` would start a spreadsheet formula).
 */
export function computeCheckChar(body: string, alphabet: string = CROCKFORD_ALPHABET): string {
  const group = requireGroup(alphabet);
  const state = dammState(body, alphabet, group);
  if (state < 0) throw new RangeError(`"${body}" has a character outside the alphabet ${alphabet}`);
  return alphabet[group.zeroColumn[state]];
}

/**
 * Whether the last character of `code` is the right check symbol for the rest. `code` is
 * normalised first; a character outside the alphabet makes it invalid. Detects every single wrong
 * symbol and every swap of two different neighbours, the check symbol included.
 */
export function hasValidCheckChar(code: string, alphabet: string = CROCKFORD_ALPHABET): boolean {
  const group = requireGroup(alphabet);
  const normalized = normalizeCode(code);
  return normalized.length >= 2 && dammState(normalized, alphabet, group) === 0;
}
