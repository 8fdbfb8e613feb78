import { DomainError } from '../errors/domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A sort key as the API writes one: an ISO time (`toISOString`) or PostgreSQL's text of a
 * timestamptz (`2026-11-30 01:02:03.123456+00`). Anything looser — `Date.parse` takes "1" — would
 * reach `?::timestamptz` and fail there as a 500.
 */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?)$/;

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
  if (!at || !id || rest.length || !TIMESTAMP.test(at) || Number.isNaN(Date.parse(at)) || !UUID.test(id)) {
    throw DomainError.validation('cursor', 'cursor is not one this API gave out');
  }
  return { at, id };
}

/**
 * A page from rows fetched with `limit + 1`: the first `limit` rows, and the cursor of the last
 * of them when the extra row shows there is more. `key` gives a row's sort key (as text) and id.
 */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  key: (row: T) => readonly [at: string, id: string],
): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    rows: page,
    nextCursor: rows.length > limit && page.length ? encodeKeysetCursor(...key(page[page.length - 1])) : null,
  };
}
