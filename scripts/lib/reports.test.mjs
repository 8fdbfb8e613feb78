// Self-check of the counting rules behind npm test's last line: `node --test scripts/lib/reports.test.mjs`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { countRunner, summaryLine } from './reports.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-reports-'));
const write = (name, data) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
};
const ok = { code: 0, signal: null, timedOut: false };
const rows = (...counts) => counts.map((c, i) => ({ name: `r${i}`, counts: c }));

test('reads jest and vitest counts, todo tests count as skipped', () => {
  const file = write('jest.json', {
    numPassedTests: 7,
    numFailedTests: 0,
    numPendingTests: 2,
    numTodoTests: 1,
    success: true,
  });
  assert.deepEqual(countRunner('jest', file, ok), { passed: 7, failed: 0, skipped: 3, note: '' });
});

test('a suite that fails to load counts as a failure even with no failed test', () => {
  const file = write('vitest.json', {
    numPassedTests: 3,
    numFailedTests: 0,
    numRuntimeErrorTestSuites: 1,
    success: false,
  });
  assert.equal(countRunner('vitest', file, { ...ok, code: 1 }).failed, 1);
});

test('reads playwright stats; flaky counts as passed and is noted', () => {
  const file = write('pw.json', { stats: { expected: 4, unexpected: 1, skipped: 2, flaky: 1 }, errors: [] });
  assert.deepEqual(countRunner('playwright', file, { ...ok, code: 1 }), {
    passed: 5,
    failed: 1,
    skipped: 2,
    note: '1 flaky, exit 1',
  });
});

test('a playwright global error with no failed test is one failure', () => {
  const file = write('pw-error.json', {
    stats: { expected: 0, unexpected: 0, skipped: 0, flaky: 0 },
    errors: [{ message: 'webServer' }],
  });
  assert.equal(countRunner('playwright', file, { ...ok, code: 1 }).failed, 1);
});

test('no report, an unreadable report, a timeout or a bare non-zero exit is at least one failure', () => {
  assert.equal(countRunner('jest', path.join(dir, 'missing.json'), ok).failed, 1);
  assert.equal(countRunner('jest', write('bad.json', '{"numPassed'), ok).failed, 1);
  const passing = write('pass.json', { numPassedTests: 5, numFailedTests: 0, success: true });
  assert.deepEqual(countRunner('jest', passing, { code: null, signal: 'SIGKILL', timedOut: true }), {
    passed: 5,
    failed: 1,
    skipped: 0,
    note: 'timed out',
  });
  assert.equal(countRunner('jest', passing, { ...ok, code: 1 }).failed, 1);
  const failing = write('fail.json', { numPassedTests: 5, numFailedTests: 3, success: false });
  assert.equal(countRunner('jest', failing, { ...ok, code: 1 }).failed, 3, 'real failures are not inflated');
});

test('the summary line sums runners and shows skipped only when there are some', () => {
  const a = { passed: 3, failed: 0, skipped: 0, note: '' };
  const b = { passed: 2, failed: 1, skipped: 0, note: '' };
  assert.equal(summaryLine(rows(a, b)), '5 passed, 1 failed');
  assert.equal(summaryLine(rows(a, { ...b, skipped: 4 })), '5 passed, 1 failed, 4 skipped');
  assert.equal(summaryLine([]), '0 passed, 0 failed');
});
