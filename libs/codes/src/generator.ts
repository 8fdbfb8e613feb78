import { quasigroupFor } from './check-char.js';
import { CodeFormatError, resolveFormat, storedPrefix, storedSuffix, type CodeFormat } from './format.js';

/** Fills `bytes` (at most 65,536 of them) with random bytes, as `crypto.getRandomValues` does. */
export type RandomFill = (bytes: Uint8Array) => void;

export interface CodeGeneratorOptions {
  /** Source of randomness; defaults to `globalThis.crypto.getRandomValues`. Replace it only in tests. */
  readonly random?: RandomFill;
}

export interface CodeGenerator {
  readonly format: CodeFormat;
  /** One new normalised code. */
  next(): string;
  /** `n` normalised codes, distinct from each other (not from codes already stored: the database's unique index decides that). */
  many(n: number): string[];
}

/** Upper bound on `many(n)`, which holds about `n × code length` bytes of work space besides the result. */
export const MAX_CODES_PER_CALL = 10_000_000;

/** `crypto.getRandomValues` accepts at most this many bytes per call. */
const RANDOM_BLOCK = 65_536;
/** Codes decoded into one string at a time when the result is built. */
const DECODE_CHUNK = 4_096;

const decoder = new TextDecoder('latin1');

function cryptoFill(bytes: Uint8Array): void {
  globalThis.crypto.getRandomValues(bytes);
}

/**
 * A generator of random (or prefixed random) codes from a cryptographically secure source.
 *
 * Unbiased for any alphabet size `m`: a random byte `b` maps to symbol `b mod m` only when `b` is
 * below the largest multiple of `m` that fits in a byte, and is drawn again otherwise; for the
 * 32-symbol default every byte is used (its low 5 bits).
 *
 * `many(n)` is the bulk path: it draws all random bytes in 64 KiB blocks, maps them through a
 * 256-entry table, removes duplicates with an open-addressing hash table over the raw bytes
 * (duplicates are drawn again until all `n` codes differ), and turns 4,096 codes at a time into
 * one string that is then sliced, instead of building each code character by character.
 */
export function createCodeGenerator(
  format: Partial<CodeFormat> = {},
  options: CodeGeneratorOptions = {},
): CodeGenerator {
  const resolved = resolveFormat(format);
  if (resolved.kind === 'custom') {
    throw new CodeFormatError(
      'kind',
      'Custom Name codes are numbered, not random: use customNameCode(prefix, n)',
    );
  }
  const random = options.random ?? cryptoFill;
  const { alphabet, length } = resolved;
  const size = alphabet.length;
  const keyspace = size ** length;

  const cutoff = 256 - (256 % size);
  /** Random byte → symbol's character code, or 0 for a byte that must be drawn again. */
  const symbolOfByte = new Uint8Array(256);
  for (let b = 0; b < cutoff; b++) symbolOfByte[b] = alphabet.charCodeAt(b % size);
  /** Symbol's character code → its index in the alphabet, for the check character. */
  const indexOfSymbol = new Uint8Array(128);
  for (let i = 0; i < size; i++) indexOfSymbol[alphabet.charCodeAt(i)] = i;

  const group = resolved.checkChar ? quasigroupFor(size) : undefined;
  const prefixBytes = asciiBytes(storedPrefix(resolved));
  const suffixBytes = asciiBytes(storedSuffix(resolved));
  const stride = prefixBytes.length + length + (group ? 1 : 0) + suffixBytes.length;

  const pool = new Uint8Array(RANDOM_BLOCK);
  let poolPosition = pool.length;

  /** Writes `count` random symbols into `target` from `start`. */
  function fill(target: Uint8Array, start: number, count: number): void {
    if (cutoff === 256) {
      for (let offset = start, end = start + count; offset < end; offset += RANDOM_BLOCK) {
        random(target.subarray(offset, Math.min(end, offset + RANDOM_BLOCK)));
      }
      for (let i = start, end = start + count; i < end; i++) target[i] = symbolOfByte[target[i]];
      return;
    }
    for (let i = start, end = start + count; i < end; i++) {
      let symbol = 0;
      while (symbol === 0) {
        if (poolPosition === pool.length) {
          random(pool);
          poolPosition = 0;
        }
        symbol = symbolOfByte[pool[poolPosition++]];
      }
      target[i] = symbol;
    }
  }

  /** Redraws random parts until the `n` random parts in `body` (`length` bytes each) all differ. */
  function makeDistinct(body: Uint8Array, n: number): void {
    let capacity = 2;
    while (capacity < 2 * n) capacity *= 2;
    const mask = capacity - 1;
    // Pairs of (hash, record + 1); 0 in the second place marks an empty slot.
    const slots = new Int32Array(capacity * 2);
    let pending = new Int32Array(n);
    for (let i = 0; i < n; i++) pending[i] = i;
    let pendingCount = n;

    while (pendingCount > 0) {
      let duplicates = 0;
      for (let p = 0; p < pendingCount; p++) {
        const record = pending[p];
        const offset = record * length;
        let hash = 0x811c9dc5 | 0;
        for (let i = 0; i < length; i++) hash = Math.imul(hash ^ body[offset + i], 0x01000193);
        hash ^= hash >>> 15;
        let slot = hash & mask;
        for (;;) {
          const occupant = slots[2 * slot + 1];
          if (occupant === 0) {
            slots[2 * slot] = hash;
            slots[2 * slot + 1] = record + 1;
            break;
          }
          if (slots[2 * slot] === hash && sameBytes(body, (occupant - 1) * length, offset, length)) {
            pending[duplicates++] = record;
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      pendingCount = duplicates;
      pending = pending.subarray(0, duplicates);
      for (let p = 0; p < duplicates; p++) fill(body, pending[p] * length, length);
    }
  }

  /** Turns the random parts into full codes (prefix, random part, check character, suffix). */
  function assemble(body: Uint8Array, n: number): string[] {
    const codes = new Array<string>(n);
    const plain = stride === length;
    const records = plain ? body : new Uint8Array(Math.min(n, DECODE_CHUNK) * stride);
    for (let first = 0; first < n; first += DECODE_CHUNK) {
      const last = Math.min(n, first + DECODE_CHUNK);
      let text: string;
      if (plain) {
        text = decoder.decode(body.subarray(first * length, last * length));
      } else {
        for (let record = first; record < last; record++) {
          let at = (record - first) * stride;
          records.set(prefixBytes, at);
          at += prefixBytes.length;
          const from = record * length;
          records.set(body.subarray(from, from + length), at);
          at += length;
          if (group) {
            let state = 0;
            for (let i = from; i < from + length; i++) {
              state = group.table[state * size + indexOfSymbol[body[i]]];
            }
            records[at++] = alphabet.charCodeAt(group.zeroColumn[state]);
          }
          records.set(suffixBytes, at);
        }
        text = decoder.decode(records.subarray(0, (last - first) * stride));
      }
      for (let record = first; record < last; record++) {
        const at = (record - first) * stride;
        codes[record] = text.slice(at, at + stride);
      }
    }
    return codes;
  }

  function many(n: number): string[] {
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_CODES_PER_CALL) {
      throw new RangeError(`many(n) needs a whole number n from 0 to ${MAX_CODES_PER_CALL}`);
    }
    if (n > keyspace) {
      throw new RangeError(`This format has only ${keyspace} distinct codes, fewer than the ${n} asked for`);
    }
    if (n === 0) return [];
    const body = new Uint8Array(n * length);
    fill(body, 0, body.length);
    makeDistinct(body, n);
    return assemble(body, n);
  }

  return {
    format: resolved,
    next: () => many(1)[0],
    many,
  };
}

function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}
