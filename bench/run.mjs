// `npm run bench`: every benchmark, one after the other, each writing its rows
// ({group, name, value, unit, limitName, limitValue, ratio, target, pass}) with `--json <file>`;
// then one table of figures and ratios against the raw limits measured in the same run, and the
// section "Latest full run" of docs/benchmarks.md rewritten with the date and the machine.
//
//   npm run bench                       (10,000,000 codes: builds the dataset once, ~30+ min)
//   npm run bench -- --codes 200000     (smaller scale data; the doc notes the size)
//   npm run bench -- --quick            (export: no whole-project CSV)
//   npm run bench -- --only listing,counts
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, run } from './lib.mjs';
import { arg, CODES, fmtNum, machine } from './scale-lib.mjs';

const SCRIPTS = [
  { name: 'codes', file: 'codes.mjs', args: [] },
  { name: 'batches', file: 'batches.mjs', args: [] },
  { name: 'redemptions', file: 'redemptions.mjs', args: [] },
  { name: 'indexes', file: 'indexes.mjs', args: ['--codes', String(Math.min(CODES, 1_000_000))] },
  { name: 'listing', file: 'listing.mjs', args: ['--codes', String(CODES)] },
  { name: 'counts', file: 'counts.mjs', args: ['--codes', String(CODES)] },
  { name: 'search', file: 'search.mjs', args: ['--codes', String(CODES)] },
  {
    name: 'export',
    file: 'export.mjs',
    args: ['--codes', String(CODES), ...(arg('quick') ? ['--quick'] : [])],
  },
];
const only = typeof arg('only') === 'string' ? arg('only').split(',') : null;
const DOC = path.join(ROOT, 'docs/benchmarks.md');
const START = '<!-- bench:run:start -->';
const END = '<!-- bench:run:end -->';

function runScript(file, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join('bench', file), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => resolve({ code, seconds: (Date.now() - started) / 1000 }));
  });
}

// What the scripts import from the builds.
await run('npx', ['tsc', '-p', 'libs/shared/tsconfig.build.json']);
await run('npx', ['tsc', '-p', 'libs/codes/tsconfig.build.json']);
await run('npx', ['tsc', '-p', 'backend/tsconfig.build.json']);

const dir = mkdtempSync(path.join(os.tmpdir(), 'admit-bench-'));
const all = [];
const notes = [];
const started = new Date();
for (const s of SCRIPTS) {
  if (only && !only.includes(s.name)) continue;
  const out = path.join(dir, `${s.name}.json`);
  console.log(`\n=== bench/${s.file} ${s.args.join(' ')}`);
  const { code, seconds } = await runScript(s.file, [...s.args, '--json', out]);
  if (existsSync(out)) {
    all.push(...JSON.parse(readFileSync(out, 'utf8')).map((r) => ({ script: s.file, ...r })));
  } else {
    notes.push(
      `bench/${s.file} wrote no --json rows (exit ${code}; it does not follow the contract yet, or failed).`,
    );
  }
  if (code !== 0) notes.push(`bench/${s.file} exited ${code} after ${seconds.toFixed(0)} s.`);
}
rmSync(dir, { recursive: true, force: true });

const header = ['group', 'figure', 'value', 'raw limit (same run)', 'ratio', 'target', ''];
const lines = all.map((r) => [
  r.group,
  r.name,
  `${fmtNum(r.value)} ${r.unit}`,
  r.limitName ? `${r.limitName}: ${fmtNum(r.limitValue)} ${r.unit}` : '',
  r.ratio === null || r.ratio === undefined ? '' : r.ratio.toFixed(2),
  r.target ?? '',
  r.pass === null || r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS',
]);
const table = [header, header.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
console.log(`\n${table}\n`);
for (const n of notes) console.log(n);

const section = `${START}
## Latest full run (written by \`npm run bench\`)

${started.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()} · Node ${process.version} ·
scale data: ${CODES.toLocaleString('en')} codes, ≈ ${(CODES / 10).toLocaleString('en')} redemptions ·
\`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`

The machine is shared (2 cores, other builds and test runs at the same time): single figures move a lot
between runs; the ratio to the raw limit measured beside it in the same run is the figure to compare.

${table}
${notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
${END}`;
const doc = readFileSync(DOC, 'utf8');
const next =
  doc.includes(START) && doc.includes(END)
    ? doc.slice(0, doc.indexOf(START)) + section + doc.slice(doc.indexOf(END) + END.length)
    : `${doc.trimEnd()}\n\n${section}\n`;
writeFileSync(DOC, next);
console.log(`docs/benchmarks.md: section "Latest full run" rewritten (${all.length} rows).`);
process.exitCode = all.some((r) => r.pass === false) ? 1 : 0;
