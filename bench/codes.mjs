// Throughput of @admit/codes' many(n) against voucher-code-generator (and nanoid + a Set, for
// reference) for the same job: N distinct codes of 12 Crockford base32 symbols, in one process.
//
//   npx tsc -p libs/codes/tsconfig.build.json && node bench/codes.mjs [count] [rounds]
//
// Reports median codes/s per library over the rounds (after a warm-up) and the ratio of medians.
import console from 'node:console';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const dist = fileURLToPath(new URL('../libs/codes/dist/index.js', import.meta.url));
if (!existsSync(dist)) {
  console.error('libs/codes/dist is missing: run `npx tsc -p libs/codes/tsconfig.build.json` first.');
  process.exit(1);
}
const { CROCKFORD_ALPHABET, createCodeGenerator } = await import(dist);
const require = createRequire(fileURLToPath(new URL('../libs/codes/package.json', import.meta.url)));
const voucherCodes = require('voucher-code-generator');
const { customAlphabet } = await import(require.resolve('nanoid'));

// A full collection before each timed run, so that no run pays for the previous run's garbage.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

// Positional: [count] [rounds]; `--json <file>` writes the result rows (see bench/run.mjs).
const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt > 0 ? process.argv[jsonAt + 1] : undefined;
const positional = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--json');
const COUNT = Number(positional[0] ?? 1_000_000);
const ROUNDS = Number(positional[1] ?? 7);
const LENGTH = 12;

const generator = createCodeGenerator({ length: LENGTH, alphabet: CROCKFORD_ALPHABET });
const nanoid = customAlphabet(CROCKFORD_ALPHABET, LENGTH);

const contenders = {
  '@admit/codes many()': (n) => generator.many(n),
  'voucher-code-generator': (n) =>
    voucherCodes.generate({ length: LENGTH, count: n, charset: CROCKFORD_ALPHABET }),
  'nanoid customAlphabet + Set': (n) => {
    const codes = new Set();
    while (codes.size < n) codes.add(nanoid());
    return [...codes];
  },
};

function verify(name, codes) {
  if (codes.length !== COUNT) throw new Error(`${name}: ${codes.length} codes instead of ${COUNT}`);
  if (new Set(codes).size !== COUNT) throw new Error(`${name}: duplicate codes`);
  const shape = new RegExp(`^[${CROCKFORD_ALPHABET}]{${LENGTH}}$`);
  const bad = codes.find((code) => !shape.test(code));
  if (bad !== undefined) throw new Error(`${name}: malformed code ${bad}`);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const perSecond = (rate) => `${(rate / 1e6).toFixed(2)} M codes/s`;

const cpus = os.cpus();
console.log(
  `node ${process.version} · ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'} · ${new Date().toISOString()}`,
);
console.log(
  `${COUNT.toLocaleString('en-US')} distinct codes of ${LENGTH} Crockford symbols, ${ROUNDS} rounds\n`,
);

for (const [name, run] of Object.entries(contenders)) {
  for (let i = 0; i < 3; i++) run(Math.min(COUNT, 200_000));
  verify(name, run(COUNT));
}

const rates = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
const names = Object.keys(contenders);
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order so that no library always runs right after another's garbage.
  const order = names.map((_, i) => names[(i + round) % names.length]);
  const line = [];
  for (const name of order) {
    collectGarbage();
    const start = performance.now();
    const codes = contenders[name](COUNT);
    const seconds = (performance.now() - start) / 1000;
    if (codes.length !== COUNT) throw new Error(`${name}: wrong count`);
    rates[name].push(COUNT / seconds);
    line.push(`${name} ${perSecond(COUNT / seconds)}`);
  }
  console.log(`round ${round + 1}: ${line.join(' · ')}`);
}

console.log('\nmedian over rounds:');
for (const name of names) {
  const all = rates[name];
  console.log(
    `  ${name.padEnd(28)} ${perSecond(median(all)).padStart(16)}  (min ${perSecond(Math.min(...all))}, max ${perSecond(Math.max(...all))})`,
  );
}
const ours = median(rates['@admit/codes many()']);
const theirs = median(rates['voucher-code-generator']);
const ratio = ours / theirs;
console.log(`\nratio @admit/codes / voucher-code-generator: ${ratio.toFixed(2)}× (target ≥ 3×)`);
console.log(
  `ratio @admit/codes / nanoid + Set: ${(ours / median(rates['nanoid customAlphabet + Set'])).toFixed(2)}×`,
);
if (jsonFile) {
  writeFileSync(
    jsonFile,
    JSON.stringify([
      {
        group: 'generation (libs/codes)',
        name: `${COUNT.toLocaleString('en-US')} distinct codes, @admit/codes many() (median of ${ROUNDS})`,
        value: ours,
        unit: 'codes/s',
        limitName: 'voucher-code-generator',
        limitValue: theirs,
        ratio,
        target: '>= 3',
        pass: ratio >= 3,
      },
    ]),
  );
}
process.exitCode = ratio >= 3 ? 0 : 1;
