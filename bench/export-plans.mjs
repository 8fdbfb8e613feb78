// Issue 8: where an export's time goes. For the batch CSV and export.csv?status=used on the
// scale dataset: `EXPLAIN (ANALYZE, BUFFERS)` of the export's statement (from the built service)
// beside the raw `select *` of the same rows in the same order, and each as `COPY … TO STDOUT`
// timed directly (no HTTP; best of 2 each, alternating), so the SQL's share and the API's share
// of an export can be told apart. `--no-explain`: the timings only; `--full`: whole plans.
//
//   npx tsc -p backend/tsconfig.build.json && node bench/export-plans.mjs [--codes N] [--full] [--no-explain]
import { arg, numbered, scaleDataset } from './scale-lib.mjs';

const { exportQuery } = await import('../backend/dist/modules/access-codes/code-list.service.js');
const { AccessCodesRepository } =
  await import('../backend/dist/modules/access-codes/access-codes.repository.js');
const { db, ids } = await scaleDataset();
await db.query('set jit = off');

function inline(sql, params) {
  let i = 0;
  return numbered(sql).replace(/\$(\d+)/g, () => db.escapeLiteral(String(params[i++])));
}

const { copyOut: copyTo2 } = await import('../backend/dist/common/database/copy-out.js');
async function copySeconds(sql) {
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of db.query(copyTo2(`copy (${sql}) to stdout with (format csv, header true)`)))
    bytes += chunk.length;
  return { seconds: (performance.now() - started) / 1000, bytes };
}

const batchId = ids.batchIds[5];
const repo = new AccessCodesRepository();
const used = repo.filterSql(ids.projectId, { status: 'used' });
const cases = [
  {
    name: 'batch CSV',
    export: inline(exportQuery('c.project_id = ? and c.batch_id = ?', 'c.sequence_no nulls last, c.code'), [
      ids.projectId,
      batchId,
    ]),
    raw: inline(
      'select * from access_codes c where c.project_id = ? and c.batch_id = ? order by c.sequence_no nulls last, c.code',
      [ids.projectId, batchId],
    ),
  },
  {
    name: 'export.csv?status=used',
    export: inline(exportQuery(used.where.join(' and '), 'c.created_at desc, c.id desc'), used.params),
    raw: inline(
      `select * from access_codes c where ${used.where.join(' and ')} order by c.created_at desc, c.id desc`,
      used.params,
    ),
  },
];
try {
  for (const c of cases) {
    for (const side of arg('no-explain') ? [] : ['raw', 'export']) {
      const { rows } = await db.query(`explain (analyze, buffers) ${c[side]}`);
      const text = rows.map((r) => r['QUERY PLAN']);
      console.log(`\n## ${c.name}, ${side}: ${text.at(-1).trim()}`);
      console.log((arg('full') ? text : text.slice(0, 12)).map((l) => `    ${l}`).join('\n'));
    }
    const raw = await copySeconds(c.raw);
    const exp1 = await copySeconds(c.export);
    const raw2 = await copySeconds(c.raw);
    const exp2 = await copySeconds(c.export);
    const best = raw.seconds < raw2.seconds ? raw : raw2;
    const exp = exp1.seconds < exp2.seconds ? exp1 : exp2;
    console.log(
      `\n${c.name}: COPY of the export statement ${exp.seconds.toFixed(2)} s (${(exp.bytes / 2 ** 20).toFixed(0)} MiB), ` +
        `COPY of select * ${best.seconds.toFixed(2)} s (${(best.bytes / 2 ** 20).toFixed(0)} MiB) → ${(best.seconds / exp.seconds).toFixed(2)}`,
    );
  }
} finally {
  await db.end();
}
