/**
 * Module boundaries of the backend, checked by `npm run lint` (dependency-cruiser):
 * - common/ is the shared kernel: it imports nothing from modules/ (the composition root,
 *   app.module.ts with entities.ts and mikro-orm.config.ts, is the one place that knows them all);
 * - no import cycles between files (type-only imports count).
 * test/integration/module-boundaries.int-spec.ts proves both fail on test/boundaries/fixture and
 * pass on src. Not yet enforced (they fail until the module restructure of issue 10): cycles
 * between module folders (access-codes ⇄ batches) and cross-module repository/entity imports.
 */
module.exports = {
  forbidden: [
    {
      name: 'common-imports-no-module',
      comment: 'common/ is shared by every module and must not depend on one: invert the dependency.',
      severity: 'error',
      from: { path: '(^|/)src/common/' },
      to: { path: '(^|/)src/modules/' },
    },
    {
      name: 'no-cycles',
      comment: 'Import cycles tie modules together; move the shared piece down or invert one edge.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
