import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BACKEND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEPCRUISE = path.resolve(BACKEND, '../node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

/** Runs the lint's dependency-cruiser check (same config) on `target`, relative to backend/. */
function depcruise(target: string, outputType: 'json' | 'err') {
  return spawnSync(
    process.execPath,
    [DEPCRUISE, target, '--config', '.dependency-cruiser.cjs', '--output-type', outputType],
    { cwd: BACKEND, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
}

function violations(target: string): string[] {
  const run = depcruise(target, 'json');
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations
    .map((v) => `${v.rule.name}: ${path.basename(v.from)} → ${path.basename(v.to)}`)
    .sort();
}

/** The module-boundary rules of the backend lint (.dependency-cruiser.cjs) bite, and the tree keeps them. */
describe('module boundaries (lint)', () => {
  it('fails on each rule it enforces (test/boundaries/fixture)', () => {
    expect(violations('test/boundaries/fixture/src')).toEqual([
      'common-imports-no-module: helper.ts → batches.service.ts',
      'module-not-layered: stray.ts → helper.ts',
      'module-private-file: batches.service.ts → code-writer.ts',
      'no-cross-module-entity: batches.service.ts → access-code.entity.ts',
      'no-cross-module-repository: batches.service.ts → access-codes.repository.ts',
      'no-cycles: a.ts → b.ts',
      // access-codes → batches while batches → access-codes: a cycle between modules.
      'no-upward-module-import: codes.ts → batches.module.ts',
    ]);
    // The form the lint target uses exits non-zero on them.
    expect(depcruise('test/boundaries/fixture/src', 'err').status).not.toBe(0);
  });

  it("allows a module its own repository, another module's service, an entity relation upward and common/", () => {
    const run = depcruise('test/boundaries/fixture/src', 'json');
    const result = JSON.parse(run.stdout) as {
      modules: { source: string; dependencies: { resolved: string; valid: boolean }[] }[];
    };
    const edges = result.modules.flatMap((m) =>
      m.dependencies.map((d) => ({
        edge: `${path.basename(m.source)} → ${path.basename(d.resolved)}`,
        valid: d.valid,
      })),
    );
    const allowed = [
      'access-codes.service.ts → access-codes.repository.ts',
      'batches.service.ts → access-codes.service.ts',
      'access-code.entity.ts → batch.entity.ts',
      'clean.ts → helper.ts',
    ];
    // Each allowed import is in the fixture, and the lint lets it through.
    for (const edge of allowed) expect(edges.filter((e) => e.edge === edge)).toEqual([{ edge, valid: true }]);
  });

  it('passes on the backend source', () => {
    expect(violations('src')).toEqual([]);
  });
});
