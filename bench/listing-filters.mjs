// The codes-list filters the scale benchmarks measure (listing.mjs, plans.mjs), and a deep
// cursor for each: 70 % down the rows that filter lists (a cursor taken from the whole project
// could fall outside a batch's rows: an empty page).
import { numbered } from './scale-lib.mjs';

export function listFilters(ids) {
  return {
    none: {},
    'status=used': { status: 'used' },
    'status=unused': { status: 'unused' },
    'active=true': { active: true },
    'active=false': { active: false },
    'expired=true': { expired: true },
    'expired=false': { expired: false },
    batchId: { batchId: ids.batchIds[3] },
    productId: { productId: ids.productId },
    planId: { planId: ids.planIds[1] },
    'planId + status=used': { planId: ids.planIds[1], status: 'used' },
    'batchId + active=false': { batchId: ids.batchIds[2], active: false },
    'productId + expired=true': { productId: ids.productId, expired: true },
  };
}

/** `{ k: created_at text, id }` of the row 70 % down the filter's rows, newest first. */
export async function deepCursor(db, projectId, f) {
  const { AccessCodesRepository } =
    await import('../backend/dist/modules/access-codes/access-codes.repository.js');
  const { where, params } = new AccessCodesRepository().filterSql(projectId, f);
  const cond = numbered(where.join(' and '));
  const [{ n }] = (await db.query(`select count(*)::bigint as n from access_codes c where ${cond}`, params))
    .rows;
  const [row] = (
    await db.query(
      `select c.created_at::text as k, c.id from access_codes c where ${cond}
        order by c.created_at desc, c.id desc offset ${Math.floor(Number(n) * 0.7)} limit 1`,
      params,
    )
  ).rows;
  return row;
}
