/**
 * Crockford's base32 symbols: the ten digits and the upper-case letters without I, L, O and U.
 * I, L and O are dropped because they look like 1 and 0 (and are mapped to them when typed);
 * U is dropped by Crockford to avoid accidental words.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
