import { CodeFormatError, MAX_AFFIX_LENGTH } from './format.js';
import { normalizeCode } from './normalize.js';

function prefixOf(prefix: string): string {
  const normalized = normalizeCode(prefix);
  if (normalized.length === 0 || normalized.length > MAX_AFFIX_LENGTH || !/^[0-9A-Z]+$/.test(normalized)) {
    throw new CodeFormatError(
      'prefix',
      `prefix must be 1 to ${MAX_AFFIX_LENGTH} letters A-Z or digits 0-9 (spaces and dashes are ignored)`,
    );
  }
  return normalized;
}

/**
 * The stored Custom Name code for number `n` (1, 2, …): the normalised prefix followed by `n` in
 * decimal without leading zeros, e.g. `customNameCode('Maths', 12) === 'MATHS12'`. A prefix with
 * look-alike letters is stored with digits (`customNameCode('Solo', 3) === 'S0103'`) and displayed
 * with its letters (`SOLO3`); both forms normalise to the same code.
 */
export function customNameCode(prefix: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`A Custom Name number must be a whole number ≥ 1`);
  return `${prefixOf(prefix)}${n}`;
}

/**
 * The number of a Custom Name code with this prefix (`parseCustomName('maths-12', 'MATHS') === 12`),
 * or `null` if the code is not the prefix followed by a number ≥ 1 without leading zeros.
 */
export function parseCustomName(code: string, prefix: string): number | null {
  const normalizedPrefix = prefixOf(prefix);
  const normalized = normalizeCode(code);
  if (!normalized.startsWith(normalizedPrefix)) return null;
  const digits = normalized.slice(normalizedPrefix.length);
  if (!/^[1-9][0-9]*$/.test(digits)) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}
