// Issue 8: search on a project of --codes N (default 10,000,000) codes and N/10 redemptions —
// the codes list by code prefix, email, external id and name, and the redemption log — each
// HTTP p95 beside the p95 of the same SQL run directly.
//
//   npx tsc -p backend/tsconfig.build.json && node bench/search.mjs [--codes N] [--json out.json]
import {
  CODES,
  listStatements,
  numbered,
  query,
  replay,
  resultRow,
  RUNS,
  scaleSession,
  timePair,
} from './scale-lib.mjs';

await scaleSession(async ({ db, ids, rows, get }) => {
  const [learner] = (
    await db.query(
      `select r.learner_email, r.learner_external_id, r.learner_name, c.code from redemptions r
         join access_codes c on c.id = r.code_id where r.project_id = $1 order by r.learner_external_id offset 123456 % (select count(*) from redemptions) limit 1`,
      [ids.projectId],
    )
  ).rows;
  const [other] = (
    await db.query('select code from access_codes where batch_id = $1 offset $2 limit 1', [
      ids.batchIds[4],
      Math.floor(CODES / 30),
    ])
  ).rows;
  const searches = {
    'code prefix (8 symbols, typed grouped in lower case)':
      `${other.code.slice(0, 4)}-${other.code.slice(4, 8)}`.toLowerCase(),
    'email (substring)': learner.learner_email.split('@')[0] + '@',
    'external id (substring)': learner.learner_external_id.slice(2),
    'name (substring, case-insensitive)': learner.learner_name.split(' ').slice(1).join(' ').toLowerCase(),
  };
  for (const [name, q] of Object.entries(searches)) {
    const { statements, rows: found } = await listStatements(db, ids.projectId, { q }, { limit: 100 });
    if (!found.length) throw new Error(`search ${name} (${q}) found nothing`);
    const [http, sql] = await timePair(
      () => get(`/projects/${ids.projectId}/codes?${query({ q, limit: 100 })}`),
      () => replay(db, statements),
      RUNS,
    );
    rows.push(
      resultRow({
        group: 'search',
        name: `codes list, ${name}, HTTP p95`,
        value: http.p95,
        unit: 'ms',
        limitName: 'same SQL p95',
        limitValue: sql.p95,
        target: '<= 3',
      }),
    );
  }

  // The redemption log's search, by email substring and by code.
  const { RedemptionsRepository } =
    await import('../backend/dist/modules/redemptions/redemptions.repository.js');
  const { normalizeCode } = await import('../libs/codes/dist/index.js');
  const repo = new RedemptionsRepository();
  for (const [name, q] of Object.entries({
    'email (substring)': searches['email (substring)'],
    code: learner.code,
  })) {
    const statements = [];
    await repo.page(
      async (sql, params) => {
        statements.push({ sql: numbered(sql), params });
        return (await db.query(numbered(sql), params)).rows;
      },
      { projectId: ids.projectId, search: { text: q, code: normalizeCode(q) || undefined } },
      51,
    );
    const [http, sql] = await timePair(
      () => get(`/projects/${ids.projectId}/redemptions?${query({ q })}`),
      () => replay(db, statements),
      RUNS,
    );
    rows.push(
      resultRow({
        group: 'search',
        name: `redemption log, ${name}, HTTP p95`,
        value: http.p95,
        unit: 'ms',
        limitName: 'same SQL p95',
        limitValue: sql.p95,
        target: '<= 3',
      }),
    );
  }
});
