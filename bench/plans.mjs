// Issue 8: `EXPLAIN (ANALYZE, BUFFERS)` of the statements the codes list runs, on the scale
// dataset, for every filter and combination, first page and a deep page (the cursor 70 % down
// that filter's rows): the plan's reads of access_codes (index, direction, rows fetched) and
// whether anything sorts. Prints a summary per statement, or the whole plans with `--full`.
//
//   npx tsc -p backend/tsconfig.build.json && node bench/plans.mjs [--codes N] [--full]
import { arg, listStatements, scaleDataset } from './scale-lib.mjs';
import { deepCursor, listFilters } from './listing-filters.mjs';

const { db, ids } = await scaleDataset();
await db.query('set jit = off');

/** The reads of access_codes in a plan, and the sorts. */
function summary(node, out = { reads: [], sorts: [] }) {
  if (node['Relation Name'] === 'access_codes') {
    const loops = node['Actual Loops'] ?? 1;
    out.reads.push(
      `${node['Node Type']}${node['Scan Direction'] === 'Backward' ? ' Backward' : ''} ${node['Index Name'] ?? (node.Plans ?? []).map((p) => p['Index Name']).join('+')}: ` +
        `${Math.round((node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * loops)} rows read, ${Math.round(node['Actual Rows'] * loops)} kept (${loops} loop${loops > 1 ? 's' : ''})`,
    );
  }
  if (node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort')
    out.sorts.push(`${node['Node Type']} of ${node['Actual Rows']} rows (${node['Sort Method'] ?? ''})`);
  for (const child of node.Plans ?? []) summary(child, out);
  return out;
}

try {
  for (const [name, f] of Object.entries(listFilters(ids))) {
    for (const deep of [false, true]) {
      const at = deep ? await deepCursor(db, ids.projectId, f) : undefined;
      const { statements } = await listStatements(db, ids.projectId, f, {
        limit: 100,
        cursor: at && { createdAt: at.k, id: at.id },
      });
      const page = statements.find((s) => s.sql.includes('order by c.created_at desc'));
      const { rows } = await db.query(`explain (analyze, buffers, format json) ${page.sql}`, page.params);
      const [plan] = rows[0]['QUERY PLAN'];
      const { reads, sorts } = summary(plan.Plan);
      console.log(
        `${name}, ${deep ? 'deep page' : 'first page'}: ${plan['Execution Time'].toFixed(1)} ms\n` +
          reads.map((r) => `    read  ${r}\n`).join('') +
          sorts.map((s) => `    sort  ${s}\n`).join(''),
      );
      if (arg('full')) {
        const text = await db.query(`explain (analyze, buffers) ${page.sql}`, page.params);
        console.log(text.rows.map((r) => `      ${r['QUERY PLAN']}`).join('\n'));
      }
    }
  }
} finally {
  await db.end();
}
