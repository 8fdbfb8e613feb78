// Issue 8: the list's All / Used / Unused counts on a project of --codes N (default 10,000,000)
// codes, beside the same SQL run directly, and beside the same request on a project of 10,000
// codes in the same database (counts come from per-batch counters: the same time at any size).
//
//   npx tsc -p backend/tsconfig.build.json && node bench/counts.mjs [--codes N] [--json out.json]
import {
  CODES,
  listStatements,
  query,
  replay,
  resultRow,
  RUNS,
  scaleSession,
  timePair,
} from './scale-lib.mjs';

await scaleSession(async ({ db, ids, rows, get }) => {
  const counts = (projectId, f) =>
    get(`/projects/${projectId}/codes?${query({ ...f, limit: 1, counts: true })}`);
  const filters = {
    none: {},
    productId: { productId: ids.productId },
    planId: { planId: ids.planIds[1] },
    batchId: { batchId: ids.batchIds[3] },
    'active=false': { active: false },
  };
  for (const [name, f] of Object.entries(filters)) {
    const { statements } = await listStatements(db, ids.projectId, f, { limit: 1, counts: true });
    const [http, sql] = await timePair(
      () => counts(ids.projectId, f),
      () => replay(db, statements),
      RUNS,
    );
    rows.push(
      resultRow({
        group: 'counts',
        name: `counts (page of 1 + counts), ${name}, ${CODES.toLocaleString('en')}-code project, HTTP p95`,
        value: http.p95,
        unit: 'ms',
        limitName: 'same SQL p95',
        limitValue: sql.p95,
        target: '<= 3',
      }),
    );
  }
  // The same request on the big and on the small project, side by side.
  const [big, small] = await timePair(
    () => counts(ids.projectId, {}),
    () => counts(ids.smallProjectId, {}),
    RUNS,
  );
  rows.push(
    resultRow({
      group: 'counts',
      name: 'counts, no filter, HTTP p95 on the big project',
      value: big.p95,
      unit: 'ms',
      limitName: 'the same on a 10,000-code project',
      limitValue: small.p95,
      target: '<= 2',
    }),
  );
  const check = await counts(ids.projectId, {});
  const [{ n }] = (
    await db.query('select count(*)::bigint as n from access_codes where project_id = $1', [ids.projectId])
  ).rows;
  if (check.counts.all !== Number(n)) throw new Error(`counts.all ${check.counts.all} ≠ count(*) ${n}`);
});
