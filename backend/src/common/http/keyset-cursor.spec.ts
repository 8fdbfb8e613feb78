import { DomainError } from '../errors/domain-error.js';
import { decodeKeysetCursor, encodeKeysetCursor, keysetPage } from './keyset-cursor.js';

describe('keyset cursors', () => {
  const id = '0d2c6f3e-6a4b-4c1e-9f7a-2b8c1d3e4f50';

  it('give back the sort key and id they were made from', () => {
    const at = '2026-11-21 10:23:58.252731+00';
    expect(decodeKeysetCursor(encodeKeysetCursor(at, id))).toEqual({ at, id });
  });

  it('refuse anything else with a 400 on the cursor field', () => {
    for (const bad of [
      'garbage',
      encodeKeysetCursor('yesterday', id),
      encodeKeysetCursor('2026-11-21', 'x'),
      // Date.parse takes these; PostgreSQL's timestamptz does not (it was a 500).
      encodeKeysetCursor('1', id),
      encodeKeysetCursor('2000-01-01 (x)', id),
      encodeKeysetCursor('2000-01-01 00:00:00 Europe/Nowhere', id),
    ]) {
      try {
        decodeKeysetCursor(bad);
        throw new Error(`accepted ${bad}`);
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).errors).toEqual([
          { field: 'cursor', code: 'invalid', message: expect.any(String) },
        ]);
      }
    }
  });

  it('cut a page of limit + 1 rows to limit, with the cursor of its last row only when there is more', () => {
    const rows = [1, 2, 3].map((n) => ({ at: `2026-11-2${n}T00:00:00.000Z`, id }));
    const key = (r: { at: string; id: string }) => [r.at, r.id] as const;
    const more = keysetPage(rows, 2, key);
    expect(more.rows).toEqual(rows.slice(0, 2));
    expect(decodeKeysetCursor(more.nextCursor as string)).toEqual({ at: rows[1].at, id });
    expect(keysetPage(rows, 3, key)).toEqual({ rows, nextCursor: null });
    expect(keysetPage([], 3, key)).toEqual({ rows: [], nextCursor: null });
  });
});
