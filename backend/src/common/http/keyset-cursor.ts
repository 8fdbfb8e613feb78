import { DomainError } from '../errors/domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The opaque `cursor` of every keyset-paged list: the sort key of the page's last row (a
 * timestamp, as text at the precision the column holds) and its id, as the tie-breaker.
 */
export function encodeKeysetCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

/** The cursor's parts, or a 400 naming the `cursor` field when it is not one the API gave out. */
export function decodeKeysetCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || rest.length || Number.isNaN(Date.parse(at)) || !UUID.test(id)) {
    throw DomainError.validation('cursor', 'cursor is not one this API gave out');
  }
  return { at, id };
}
