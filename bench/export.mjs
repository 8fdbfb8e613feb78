// Issue 8: CSV exports on a project of --codes N (default 10,000,000) codes — one batch's CSV
// (N/10 codes), export.csv filtered to used codes, and export.csv of the whole project — each
// in rows/s beside `COPY (select * from access_codes … same rows, same order) TO STDOUT` in the
// same run, and the server's RSS growth during each (`--quick` leaves out the whole project).
//
//   npx tsc -p backend/tsconfig.build.json && node bench/export.mjs [--codes N] [--json out.json]
import { rssMb } from './lib.mjs';
import { arg, resultRow, scaleSession } from './scale-lib.mjs';

// The raw side reads COPY with the same parser as the API (the lean one), so that the limit is
// PostgreSQL's COPY and not a slower client.
const { copyOut: copyTo } = await import('../backend/dist/common/database/copy-out.js');

/** Reads a stream to its end; returns lines and seconds. */
async function drain(stream, started) {
  let lines = 0;
  for await (const chunk of stream) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { lines, seconds: (performance.now() - started) / 1000 };
}

async function rawCopy(db, sql, params) {
  let i = 0;
  const inlined = sql.replace(/\$(\d+)/g, () => db.escapeLiteral(String(params[i++])));
  const started = performance.now();
  return drain(db.query(copyTo(`copy (${inlined}) to stdout with (format csv)`)), started);
}

async function httpCsv(server, token, path, sampleRss = false) {
  const started = performance.now();
  let peak = rssMb(server.child.pid);
  const base = peak;
  const timer = sampleRss ? setInterval(() => (peak = Math.max(peak, rssMb(server.child.pid))), 200) : null;
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path} → ${res.status}`);
  const out = await drain(res.body, started);
  if (timer) clearInterval(timer);
  return { ...out, lines: out.lines - 1, rssGrowth: peak - base };
}

await scaleSession(async ({ db, ids, server, token, rows }) => {
  const p = `/projects/${ids.projectId}`;
  const batchId = ids.batchIds[5];
  const cases = [
    {
      name: `batch CSV (${(await db.query('select count(*)::int n from access_codes where batch_id = $1', [batchId])).rows[0].n.toLocaleString('en')} codes)`,
      path: `${p}/batches/${batchId}/codes.csv`,
      sql: 'select * from access_codes c where c.project_id = $1 and c.batch_id = $2 order by c.sequence_no nulls last, c.code',
      params: [ids.projectId, batchId],
      rss: true,
    },
    {
      name: 'export.csv?status=used',
      path: `${p}/codes/export.csv?status=used`,
      sql: 'select * from access_codes c where c.project_id = $1 and c.redemption_count > 0 order by c.created_at desc, c.id desc',
      params: [ids.projectId],
    },
    {
      name: 'export.csv, whole project',
      path: `${p}/codes/export.csv`,
      sql: 'select * from access_codes c where c.project_id = $1 order by c.created_at desc, c.id desc',
      params: [ids.projectId],
      rss: true,
    },
  ];
  // `--quick`: leave out the whole-project export (N rows, the longest part).
  if (arg('quick')) cases.pop();
  for (const c of cases) {
    // Raw first and last, HTTP between: the raw figure is the better of the two.
    const raw1 = await rawCopy(db, c.sql, c.params);
    const http = await httpCsv(server, token, c.path, c.rss);
    const raw2 = await rawCopy(db, c.sql, c.params);
    const raw = raw1.seconds < raw2.seconds ? raw1 : raw2;
    if (http.lines !== raw.lines)
      throw new Error(`${c.name}: ${http.lines} CSV rows, COPY gave ${raw.lines}`);
    rows.push(
      resultRow({
        group: 'export',
        name: `${c.name}, HTTP`,
        value: http.lines / http.seconds,
        unit: 'rows/s',
        limitName: 'COPY … TO STDOUT of the same rows',
        limitValue: raw.lines / raw.seconds,
        target: '>= 0.8',
      }),
    );
    if (c.rss)
      rows.push(
        resultRow({
          group: 'export',
          name: `server RSS growth during ${c.name} (${http.lines.toLocaleString('en')} rows)`,
          value: http.rssGrowth,
          unit: 'MB',
          limitName: 'budget',
          limitValue: 150,
          target: '<= 1',
        }),
      );
    console.error(`  ${c.name}: HTTP ${http.seconds.toFixed(1)} s, COPY ${raw.seconds.toFixed(1)} s`);
  }
});
