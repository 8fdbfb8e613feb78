// Turns each runner's machine-readable report into counts, and prints the final summary.
// The rule that keeps CI honest: a runner that crashed, timed out, exited non-zero or left no
// report counts as at least one failure, even when its report claims otherwise.
import fs from 'node:fs';

/** Jest's --json, which vitest's json reporter mirrors. */
function fromJest(report) {
  return {
    passed: report.numPassedTests ?? 0,
    // A suite that fails to load has no failed test, only a runtime error.
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    ok: report.success !== false,
  };
}

/** Playwright's json reporter; a flaky test passed on retry, so it counts as passed. */
function fromPlaywright(report) {
  const s = report.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
    ok: !(report.errors?.length > 0),
    note: s.flaky ? `${s.flaky} flaky` : '',
  };
}

/**
 * Counts for one runner. `kind`: 'jest' | 'vitest' | 'playwright'; `result`: what run() returned.
 * Returns { passed, failed, skipped, note }.
 */
export function countRunner(kind, reportFile, result) {
  let counts;
  let note;
  try {
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    counts = kind === 'playwright' ? fromPlaywright(report) : fromJest(report);
    note = counts.note ?? '';
  } catch (err) {
    counts = { passed: 0, failed: 0, skipped: 0, ok: false };
    note = err.code === 'ENOENT' ? 'no report written' : `unreadable report (${err.message})`;
  }
  const problems = [];
  if (result.timedOut) problems.push('timed out');
  else if (result.code !== 0)
    problems.push(result.code === null ? `killed by ${result.signal}` : `exit ${result.code}`);
  if (!counts.ok && counts.failed === 0) problems.push('runner reported errors');
  if (problems.length && counts.failed === 0) counts.failed = 1;
  return {
    passed: counts.passed,
    failed: counts.failed,
    skipped: counts.skipped,
    note: [note, ...problems].filter(Boolean).join(', '),
  };
}

/** `N passed, N failed[, N skipped]`: the one line CI reads, always printed last. */
export function summaryLine(rows) {
  const sum = (key) => rows.reduce((n, r) => n + r.counts[key], 0);
  const skipped = sum('skipped');
  return `${sum('passed')} passed, ${sum('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** The per-runner table printed just before the summary line. */
export function table(rows) {
  const width = Math.max(6, ...rows.map((r) => r.name.length));
  const lines = [`${'runner'.padEnd(width)}  passed  failed  skipped  time    notes`];
  for (const { name, counts, seconds } of rows) {
    const { passed, failed, skipped, note } = counts;
    const time = seconds === undefined ? '-' : `${seconds}s`;
    lines.push(
      `${name.padEnd(width)}  ${String(passed).padStart(6)}  ${String(failed).padStart(6)}  ${String(skipped).padStart(7)}  ${time.padEnd(6)}  ${note}`,
    );
  }
  return lines.join('\n');
}
