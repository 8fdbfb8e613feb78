/**
 * Module boundaries of the backend, checked by `npm run lint` (dependency-cruiser). The rules,
 * with "module" meaning a folder under src/modules/:
 *
 * 1. common/ is the shared kernel: it imports nothing from modules/ (the composition root,
 *    app.module.ts with entities.ts and mikro-orm.config.ts, is the one place that knows them all).
 * 2. No import cycles between files (type-only imports count).
 * 3. A module's repository is its own: no other module imports a `*.repository.ts` (reach the
 *    owner's data through its exported service).
 * 4. From another module, only its public surface may be imported: `*.module.ts`, `*.service.ts`,
 *    `*.types.ts` (public types, constants and read-only SQL fragments), `dto/` and `events/`.
 * 5. Another module's `*.entity.ts` only from an entity file: ORM relations are the schema's own
 *    links (a `@ManyToOne` needs the class); everything else asks the owner's service.
 * 6. Modules are layered (MODULE_LAYERS, lowest first): a module imports only modules below it,
 *    so there is no cycle between modules. The one kind of upward edge allowed is rule 5's
 *    relation between entity files (access_codes.batch_id → batches). A module folder missing from
 *    the list is an error, so a new module has to take its place.
 *
 * KNOWN_EXCEPTIONS are edges allowed to break rules 4-6 (none now; keep it empty); each names
 * exactly one file → file edge, so nothing else slips through.
 *
 * test/integration/module-boundaries.int-spec.ts proves every rule fails on
 * test/boundaries/fixture and that src passes.
 */

/** Lowest first: each module may import only the modules before it. */
const MODULE_LAYERS = [
  'identity',
  'projects',
  'api-keys',
  'access',
  'products',
  'access-codes',
  'batches',
  // Above batches: its listeners react to batch events. Below redemptions, whose claim reads subscribedSql.
  'webhooks',
  'mailing',
  'redemptions',
  'notifications',
  'public',
  'operations',
  'health',
];

/** Edges that still break rules 4-6: none left (the access resolver moved above identity, projects and api-keys). */
const KNOWN_EXCEPTIONS = [];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const MODULE = '(^|/)src/modules/';
const PUBLIC = '(\\.module|\\.service|\\.types)\\.ts$|/(dto|events)/';
const ENTITY = '\\.entity\\.ts$';

/** `src/modules/<module>/<file>` as a path pattern that captures the module as group 2 (like MODULE rules do). */
const exactFile = (file) => {
  const [, mod, rest] = /^modules\/([^/]+)\/(.+)$/.exec(file);
  return `${MODULE}(${escape(mod)})/${escape(rest)}$`;
};

const asList = (value) => (value === undefined ? [] : [].concat(value));

/**
 * Rules 4-6 minus the known exceptions' exact edges: the rule as is for every file that has none,
 * and for each file that has some, the rule without those targets.
 */
function withExceptions(rule) {
  const sources = [...new Set(KNOWN_EXCEPTIONS.map(([from]) => from))];
  const plain = {
    ...rule,
    from: { ...rule.from, pathNot: [...asList(rule.from.pathNot), ...sources.map(exactFile)] },
  };
  const applies = (file) =>
    new RegExp(rule.from.path).test(`src/${file}`) &&
    !asList(rule.from.pathNot).some((not) => new RegExp(not).test(`src/${file}`));
  const perSource = sources.filter(applies).map((from) => ({
    ...rule,
    from: { path: exactFile(from) },
    to: {
      ...rule.to,
      pathNot: [
        ...asList(rule.to.pathNot),
        ...KNOWN_EXCEPTIONS.filter(([f]) => f === from).map(([, to]) => `(^|/)src/${escape(to)}$`),
      ],
    },
  }));
  return [plain, ...perSource];
}

/** Rule 6, one rule per layer: no import of a module above it, unless entity → entity. */
function layerRules() {
  return MODULE_LAYERS.flatMap((name, i) => {
    const above = MODULE_LAYERS.slice(i + 1);
    if (!above.length) return [];
    const upward = `${MODULE}(${above.map(escape).join('|')})/`;
    const from = `${MODULE}${escape(name)}/`;
    const comment = `${name} sits below ${above.join(', ')} (MODULE_LAYERS): importing them makes a cycle between modules. Move the shared piece down, or invert the edge (an event, a provider the upper module registers).`;
    return [
      // A non-entity file importing anything of a module above.
      {
        name: 'no-upward-module-import',
        comment,
        severity: 'error',
        from: { path: from, pathNot: ENTITY },
        to: { path: upward },
      },
      // An entity file importing a non-entity file of a module above.
      {
        name: 'no-upward-module-import',
        comment,
        severity: 'error',
        from: { path: `${from}.*${ENTITY}` },
        to: { path: upward, pathNot: ENTITY },
      },
    ];
  });
}

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
    {
      name: 'no-cross-module-repository',
      comment: "A repository is its module's own: call the owning module's exported service instead.",
      severity: 'error',
      from: { path: `${MODULE}([^/]+)/` },
      to: { path: `${MODULE}[^/]+/.*\\.repository\\.ts$`, pathNot: `${MODULE}$2/` },
    },
    ...withExceptions({
      name: 'module-private-file',
      comment:
        "Another module's internals: import its *.module.ts, *.service.ts, *.types.ts, dto/ or events/ (its public surface) instead.",
      severity: 'error',
      from: { path: `${MODULE}([^/]+)/` },
      to: {
        path: `${MODULE}[^/]+/`,
        pathNot: [`${MODULE}$2/`, PUBLIC, ENTITY, '\\.repository\\.ts$'],
      },
    }),
    ...withExceptions({
      name: 'no-cross-module-entity',
      comment:
        "Another module's table: ask its owner's service (only an entity file may import another module's entity, for an ORM relation).",
      severity: 'error',
      from: { path: `${MODULE}([^/]+)/`, pathNot: ENTITY },
      to: { path: `${MODULE}[^/]+/.*${ENTITY}`, pathNot: `${MODULE}$2/` },
    }),
    ...layerRules().flatMap(withExceptions),
    {
      name: 'module-not-layered',
      comment: 'Every module folder takes a place in MODULE_LAYERS (backend/.dependency-cruiser.cjs).',
      severity: 'error',
      from: { path: `${MODULE}[^/]+/`, pathNot: `${MODULE}(${MODULE_LAYERS.map(escape).join('|')})/` },
      to: {},
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
