import { MAX_CODE_LENGTH, resolveFormat, type CodeFormat } from './format.js';

/** An attacker's budget of random guesses at the redemption or validation endpoints. */
export const GUESS_ATTEMPTS = 1_000_000;
/** The largest acceptable chance that {@link GUESS_ATTEMPTS} random guesses find a live code. */
export const MAX_GUESS_PROBABILITY = 1e-3;
/**
 * The largest share of the keyspace that live codes may fill if the guess rule allows it:
 * about 1.0005e-9 of the keyspace (a little more than 1e-3 / 1e6).
 */
export const MAX_OCCUPANCY = -Math.expm1(Math.log1p(-MAX_GUESS_PROBABILITY) / GUESS_ATTEMPTS);

export interface KeyspaceAssessment {
  /** Whether `existingCount + requestedCount` live codes of this format are acceptable. */
  readonly ok: boolean;
  /** True for Custom Name codes: sequential, so anyone who sees one can guess others. */
  readonly guessable: boolean;
  /** Number of distinct random parts, `alphabet.length ** length` (a float beyond 2^53). */
  readonly keyspace: number;
  /** `log2(keyspace)`: the entropy of one code in bits (0 for Custom Name codes). */
  readonly keyspaceBits: number;
  /** Share of the keyspace the live codes would fill: `(existing + requested) / keyspace`. */
  readonly occupancy: number;
  /** Chance that {@link GUESS_ATTEMPTS} uniform random guesses hit at least one live code. */
  readonly guessProbability: number;
  /** The most live codes of this format the rule allows. */
  readonly maxSafeCount: number;
  /** How many more codes may still be made: `max(0, maxSafeCount − existingCount)`. */
  readonly remainingCount: number;
  /** The shortest random part (same alphabet) that would accept the total, or null beyond 64. */
  readonly minSafeLength: number | null;
  /** Why the request is refused, in a sentence an admin can act on. */
  readonly reason?: string;
  /** A caution that does not refuse the request (Custom Name codes). */
  readonly warning?: string;
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0`);
  return value;
}

/**
 * The entropy guard, run by the backend before it generates a batch.
 *
 * Rule: refuse when one million uniformly random guesses would find at least one live code with
 * probability above 1/1000, i.e. `1 − (1 − occupancy)^1e6 > 1e-3`, which is the same as live codes
 * filling more than about 1e-9 of the keyspace. This also bounds collisions while generating: a
 * fresh random code hits an existing one with probability below 1e-9, so the generator and the
 * database's unique index never loop. (It implies the weaker "fill at most 1/1000" rule a million
 * times over.) With the default 12 Crockford symbols (60 bits) it allows about 1.15 billion live
 * codes; 10 symbols allow about 1.1 million; 8 symbols about 1,100.
 *
 * `existingCount` is the number of live codes that share this format's keyspace (same alphabet,
 * length and prefix); passing all of the project's codes is the safe over-estimate. A check
 * character adds no entropy (anyone can compute it), nor does a prefix or suffix.
 *
 * Custom Name codes are accepted with `guessable: true` and a warning: their security is not a
 * matter of keyspace.
 */
export function assessKeyspace(
  format: Partial<CodeFormat>,
  existingCount: number,
  requestedCount: number,
): KeyspaceAssessment {
  const resolved = resolveFormat(format);
  const existing = count('existingCount', existingCount);
  const requested = count('requestedCount', requestedCount);
  const total = existing + requested;

  if (resolved.kind === 'custom') {
    const keyspace = Number.MAX_SAFE_INTEGER;
    return {
      ok: total <= keyspace,
      guessable: true,
      keyspace,
      keyspaceBits: 0,
      occupancy: total / keyspace,
      guessProbability: total > 0 ? 1 : 0,
      maxSafeCount: keyspace,
      remainingCount: Math.max(0, keyspace - existing),
      minSafeLength: null,
      warning: `Custom Name codes are numbered in order (${resolved.prefix}1, ${resolved.prefix}2, …): anyone who sees one can guess others.`,
    };
  }

  const size = resolved.alphabet.length;
  const keyspace = size ** resolved.length;
  const keyspaceBits = resolved.length * Math.log2(size);
  const occupancy = total / keyspace;
  const guessProbability = -Math.expm1(GUESS_ATTEMPTS * Math.log1p(-Math.min(occupancy, 1)));
  const maxSafeCount = Math.floor(keyspace * MAX_OCCUPANCY);
  const ok = total <= maxSafeCount;

  let minSafeLength: number | null = null;
  for (let length = 1; length <= MAX_CODE_LENGTH; length++) {
    if (Math.floor(size ** length * MAX_OCCUPANCY) >= total) {
      minSafeLength = length;
      break;
    }
  }

  const assessment: KeyspaceAssessment = {
    ok,
    guessable: false,
    keyspace,
    keyspaceBits,
    occupancy,
    guessProbability,
    maxSafeCount,
    remainingCount: Math.max(0, maxSafeCount - existing),
    minSafeLength,
  };
  if (ok) return assessment;
  const advice =
    minSafeLength === null
      ? 'Use a larger alphabet or fewer codes.'
      : `Use codes of at least ${minSafeLength} characters or fewer codes.`;
  return {
    ...assessment,
    reason:
      `Codes of ${resolved.length} characters from ${size} symbols are too easy to guess in this number: ` +
      `with ${total.toLocaleString('en-US')} codes, a million random tries would find one with a chance of ` +
      `${formatChance(guessProbability)} (the limit is 1 in 1,000). At most ${maxSafeCount.toLocaleString('en-US')} ` +
      `such codes are allowed; ${Math.max(0, maxSafeCount - existing).toLocaleString('en-US')} more can be made. ${advice}`,
  };
}

function formatChance(probability: number): string {
  if (probability >= 0.995) return 'almost 1 in 1';
  return `1 in ${Math.max(1, Math.round(1 / probability)).toLocaleString('en-US')}`;
}
