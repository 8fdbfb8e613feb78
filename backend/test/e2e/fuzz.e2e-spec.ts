import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { createWorld, DEAD_WEBHOOK_URL, type World } from '../factories/world.js';
import { TEST_PASSWORD } from '../factories/accounts.js';
import {
  fillPath,
  OpenApi,
  type Operation,
  type Parameter,
  queryString,
  type Schema,
} from '../utils/openapi.js';

/**
 * Every operation of the committed OpenAPI document, called with generated valid and invalid
 * bodies, path parameters, queries and credentials against the real app (PostgreSQL, Redis, the
 * worker): no answer may be a 5xx, and every 4xx must be problem+json with a `code`.
 *
 * FUZZ_SEED replays a run (the seed is printed); FUZZ_REQUESTS changes the total (default 5,200).
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2_147_483_647;
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 5200);
const CONCURRENCY = 6;

type Principal = 'owner' | 'apiKey' | 'none' | 'bogus';

interface FuzzRequest {
  as: Principal;
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: { json: unknown } | { raw: string; type: string };
  /** What was done to the request, for the failure report. */
  note: string;
}

interface Violation {
  op: string;
  url: string;
  status: number;
  note: string;
  as: Principal;
  body: string;
}

const HOSTILE_STRINGS = [
  'a\u0000b',
  '\u0000',
  'x\ud800',
  '\udfff',
  'a\ud800\ud800b',
  '%00',
  '',
  ' ',
  'x'.repeat(5000),
  '../../../etc/passwd',
  "' OR 1=1 --",
  '"; drop table access_codes; --',
  '<img src=x onerror=alert(1)>',
  '\u202egnp.exe',
  '=HYPERLINK("http://x")',
  '9'.repeat(400),
  'null',
  'true',
  '-1',
  '1e309',
  'NaN',
  '🧮'.repeat(100),
  'é'.repeat(300),
  '{"$gt":""}',
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const wrongType: fc.Arbitrary<unknown> = fc.constantFrom(
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  true,
  false,
  [],
  {},
  ['x'],
  [1, 2, 3],
  { nested: { deeper: { deepest: true } } },
  'text',
  'a\u0000b',
);

const badValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, wrongType);

function nested(depth: number, array: boolean): string {
  return array
    ? '['.repeat(depth) + '1' + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const rawBodies: fc.Arbitrary<{ raw: string; type: string; note: string }> = fc.oneof(
  fc
    .constantFrom(33, 1000, 100_000)
    .chain((depth) =>
      fc
        .boolean()
        .map((array) => ({ raw: nested(depth, array), type: 'application/json', note: `depth ${depth}` })),
    ),
  fc.constantFrom(
    { raw: '{"name":', type: 'application/json', note: 'truncated JSON' },
    { raw: '', type: 'application/json', note: 'empty JSON' },
    { raw: 'null', type: 'application/json', note: 'null body' },
    { raw: '[]', type: 'application/json', note: 'array body' },
    { raw: '"text"', type: 'application/json', note: 'string body' },
    { raw: '42', type: 'application/json', note: 'number body' },
    { raw: '{"__proto__":{"admin":true}}', type: 'application/json', note: 'proto pollution' },
    { raw: '{"constructor":{"prototype":{"x":1}}}', type: 'application/json', note: 'constructor pollution' },
    { raw: '{"a":1,"a":2}', type: 'application/json', note: 'duplicate key' },
    { raw: 'name=x&count=5', type: 'application/x-www-form-urlencoded', note: 'form body' },
    { raw: '{"name":"x"}', type: 'text/plain', note: 'text body' },
    { raw: '<a/>', type: 'application/xml', note: 'xml body' },
    { raw: '{"name":"x"}', type: 'application/json; charset=latin1', note: 'odd charset' },
  ),
);

describe('Fuzz: every operation of the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let world: World;
  const openapi = new OpenApi();

  beforeAll(async () => {
    t = await bootTestApp({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_MAX_ATTEMPTS: '1',
      // Mail the fuzzer triggers goes to a loopback port nothing listens on.
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    world = await createWorld(t, `fuzz-${randomUUID().slice(0, 8)}`);
  });
  afterAll(() => t.close());

  /** A value the schema accepts, chosen to keep the app's work small (counts ≤ ~50). */
  function valid(schema: Schema, name = ''): fc.Arbitrary<unknown> {
    const s = openapi.resolve(schema);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    if (name === 'url') return fc.constant(DEAD_WEBHOOK_URL);
    if (/email$/i.test(name)) return fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}@example.test`);
    if (name === 'password') return fc.constantFrom(TEST_PASSWORD, 'a much longer fuzz password');
    if (name === 'code')
      return fc.oneof(fc.constantFrom(...world.codes), fc.string({ minLength: 1, maxLength: 20 }));
    if (name === 'cursor') return fc.string({ maxLength: 30 });
    switch (s.type) {
      case 'string':
        if (s.format === 'uuid')
          return world.ids[name] ? fc.oneof(fc.constant(world.ids[name]), fc.uuid()) : fc.uuid();
        if (s.format === 'date-time')
          return fc
            .integer({ min: 1, max: 400 })
            .map((d) => new Date(Date.now() + d * 86_400_000).toISOString());
        return fc.string({ minLength: s.minLength ?? 1, maxLength: Math.min(s.maxLength ?? 30, 30) });
      case 'number':
      case 'integer': {
        const lo = s.minimum ?? 0;
        return fc.integer({ min: lo, max: Math.min(s.maximum ?? lo + 1000, lo + 50) });
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = openapi.resolve(s.items ?? {});
        if (items.enum?.length) return fc.subarray(items.enum, { minLength: 1 });
        return fc.array(valid(items), { minLength: 1, maxLength: 3 });
      }
      case 'object':
      default: {
        if (!s.properties) return fc.constant({});
        const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, valid(v, k)]));
        return fc.record(props, { requiredKeys: s.required ?? [] });
      }
    }
  }

  /** Leaf paths of a JSON value (`learner.email`), to pick one to spoil. */
  function leaves(value: unknown, prefix: string[] = []): string[][] {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (!entries.length) return [prefix];
      return entries.flatMap(([k, v]) => [
        [...prefix, k],
        ...leaves(v, [...prefix, k]).filter((p) => p.length > prefix.length + 1),
      ]);
    }
    return [prefix];
  }

  function setAt(value: unknown, path: string[], to: unknown, remove = false): unknown {
    const copy = structuredClone(value) as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      if (!node[key] || typeof node[key] !== 'object') node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    if (remove) delete node[last];
    else node[last] = to;
    return copy;
  }

  type BodyCase = { body: FuzzRequest['body']; note: string };

  function bodyArbitrary(op: Operation): fc.Arbitrary<BodyCase> {
    const schema = op.body!;
    const ok = valid(schema);
    const required = openapi.resolve(schema).required ?? [];
    const cases: fc.WeightedArbitrary<BodyCase>[] = [
      { weight: 4, arbitrary: ok.map((json) => ({ body: { json }, note: 'valid body' })) },
      {
        weight: 4,
        arbitrary: fc.tuple(ok, fc.nat(), badValue).map(([json, pick, bad]) => {
          const paths = leaves(json).filter((p) => p.length);
          const path = paths.length ? paths[pick % paths.length] : ['name'];
          return {
            body: { json: setAt(json, path, bad) },
            note: `body ${path.join('.')} = ${JSON.stringify(bad)?.slice(0, 60)}`,
          };
        }),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(ok, hostileString).map(([json, key]) => ({
          body: { json: { ...(json as object), [key || 'extra']: 1 } },
          note: `unknown field ${JSON.stringify(key).slice(0, 40)}`,
        })),
      },
      ...(required.length
        ? [
            {
              weight: 1,
              arbitrary: fc.tuple(ok, fc.constantFrom(...required)).map(([json, field]) => ({
                body: { json: setAt(json, [field], undefined, true) },
                note: `missing ${field}`,
              })),
            },
          ]
        : []),
      {
        weight: 1,
        arbitrary: wrongType.map((json) => ({ body: { json }, note: `body = ${JSON.stringify(json)}` })),
      },
      { weight: 2, arbitrary: rawBodies.map(({ raw, type, note }) => ({ body: { raw, type }, note })) },
      // One body in ~1,000 is over the 1 MiB limit (each costs a megabyte on the wire).
      {
        weight: 1,
        arbitrary: fc.nat(80).chain((n): fc.Arbitrary<BodyCase> =>
          n
            ? ok.map((json) => ({ body: { json }, note: 'valid body' }))
            : fc.constant({
                body: { raw: JSON.stringify({ name: 'x'.repeat(1_100_000) }), type: 'application/json' },
                note: 'body over 1 MiB',
              }),
        ),
      },
    ];
    return fc.oneof(...cases);
  }

  function paramValue(param: Parameter, inPath: boolean): fc.Arbitrary<{ value: string; bad: boolean }> {
    const s = openapi.resolve(param.schema);
    const good: fc.Arbitrary<string> =
      world.ids[param.name] !== undefined
        ? fc.oneof(
            { weight: 5, arbitrary: fc.constant(world.ids[param.name]) },
            { weight: 1, arbitrary: fc.uuid() },
          )
        : s.type === 'boolean'
          ? fc.constantFrom('true', 'false')
          : s.type === 'number' || s.type === 'integer'
            ? fc.integer({ min: s.minimum ?? 1, max: Math.min(s.maximum ?? 100, 100) }).map(String)
            : s.enum?.length
              ? fc.constantFrom(...s.enum.map(String))
              : s.format === 'date-time'
                ? fc
                    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
                    .map((d) => d.toISOString())
                : fc.string({ minLength: 1, maxLength: 20 });
    const bad: fc.Arbitrary<string> = fc.oneof(
      hostileString,
      fc.constantFrom(
        'maybe',
        '-5',
        '0',
        '1e999',
        '2020-13-45',
        'x'.repeat(inPath ? 200 : 3000),
        'A'.repeat(inPath ? 600 : 10),
      ),
    );
    return fc.oneof(
      { weight: 4, arbitrary: good.map((value) => ({ value, bad: false })) },
      { weight: 1, arbitrary: bad.map((value) => ({ value, bad: true })) },
    );
  }

  function requestArbitrary(op: Operation): fc.Arbitrary<FuzzRequest> {
    const path = fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, paramValue(p, true)])));
    const query = fc.record(Object.fromEntries(op.queryParams.map((p) => [p.name, paramValue(p, false)])), {
      requiredKeys: op.queryParams.filter((p) => p.required).map((p) => p.name),
    });
    const idempotency = op.headerParams.some((p) => p.name.toLowerCase() === 'idempotency-key')
      ? fc.option(fc.oneof(fc.uuid(), fc.constantFrom('x'.repeat(300), 'with spaces é', '')), {
          nil: undefined,
        })
      : fc.constant(undefined);
    const as = fc.constantFrom<Principal>('owner', 'owner', 'apiKey', 'apiKey', 'none', 'bogus');
    const body = op.body ? bodyArbitrary(op) : fc.constant({ body: undefined, note: '' });
    return fc.record({ path, query, idempotency, as, body }).map(({ path, query, idempotency, as, body }) => {
      const spoiled = [
        ...Object.entries(path)
          .filter(([, v]) => v.bad)
          .map(([k, v]) => `path ${k}=${JSON.stringify(v.value).slice(0, 40)}`),
        ...Object.entries(query)
          .filter(([, v]) => v?.bad)
          .map(([k, v]) => `query ${k}=${JSON.stringify(v.value).slice(0, 40)}`),
      ];
      return {
        as,
        path: Object.fromEntries(Object.entries(path).map(([k, v]) => [k, v.value])),
        query: Object.fromEntries(
          Object.entries(query)
            .filter(([, v]) => v)
            .map(([k, v]) => [k, v.value]),
        ),
        headers: (idempotency !== undefined ? { 'idempotency-key': idempotency } : {}) as Record<
          string,
          string
        >,
        body: body.body,
        note: [body.note, ...spoiled].filter(Boolean).join('; ') || 'valid',
      };
    });
  }

  function token(as: Principal): string | undefined {
    if (as === 'owner') return world.owner.token;
    if (as === 'apiKey') return world.apiKey;
    if (as === 'bogus') return 'adm_not-a-real-token';
    return undefined;
  }

  async function send(op: Operation, req: FuzzRequest, n: number): Promise<Violation | null> {
    const url = fillPath(op, req.path) + queryString(req.query);
    let call = t.http[op.method](url).set('x-forwarded-for', `198.51.100.${n % 250}`);
    // Logging out the fuzzer's own session would leave the rest of the run signed out.
    const as: Principal = op.operationId === 'logout' && req.as === 'owner' ? 'bogus' : req.as;
    const bearerToken = token(as);
    if (bearerToken) call = call.set('Authorization', `Bearer ${bearerToken}`);
    for (const [k, v] of Object.entries(req.headers)) call = call.set(k, v);
    if (req.body && 'json' in req.body)
      call = call.set('content-type', 'application/json').send(JSON.stringify(req.body.json) ?? '');
    else if (req.body) call = call.set('content-type', req.body.type).send(req.body.raw);
    const res = await call.buffer(true);
    const type = String(res.headers['content-type'] ?? '');
    const problemOk =
      res.status < 400 ||
      (res.status < 500 &&
        type.startsWith('application/problem+json') &&
        typeof res.body?.code === 'string' &&
        res.body.code);
    if (problemOk) return null;
    return {
      op: `${op.method.toUpperCase()} ${op.template} (${op.operationId})`,
      url: url.slice(0, 200),
      status: res.status,
      note: req.note,
      as,
      body: (res.text ?? '').slice(0, 300),
    };
  }

  it(`answers ${TOTAL} generated requests without a 5xx, every 4xx problem+json with a code`, async () => {
    process.stderr.write(`fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${TOTAL} requests\n`);
    const ops = openapi.operations;
    expect(ops.length).toBeGreaterThan(40);
    // Logins and new members cost an argon2 hash each, logouts need no variety: fewer of those.
    const fixed: Record<string, number> = { login: 12, logout: 10, addMember: 40 };
    const shared = TOTAL - Object.values(fixed).reduce((a, b) => a + b, 0);
    const perOp = Math.ceil(shared / ops.filter((o) => !(o.operationId in fixed)).length);
    const plan: [Operation, FuzzRequest][] = [];
    for (const [i, op] of ops.entries()) {
      const runs = fixed[op.operationId] ?? perOp;
      for (const req of fc.sample(requestArbitrary(op), { seed: SEED + i, numRuns: runs }))
        plan.push([op, req]);
    }
    // Interleave operations (deterministically) so no resource is hammered in one block.
    const order = fc.sample(
      fc.shuffledSubarray(
        plan.map((_, i) => i),
        { minLength: plan.length },
      ),
      { seed: SEED, numRuns: 1 },
    )[0];

    const violations: Violation[] = [];
    const statuses = new Map<number, number>();
    const spent = new Map<string, number>();
    let next = 0;
    let sent = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < order.length) {
          const n = next++;
          const [op, req] = plan[order[n]];
          let violation: Violation | null;
          const t0 = Date.now();
          try {
            violation = await send(op, req, n);
          } catch (err) {
            violation = {
              op: op.operationId,
              url: op.template,
              status: -1,
              note: `${req.note}: ${String(err)}`,
              as: req.as,
              body: '',
            };
          }
          sent++;
          spent.set(op.operationId, (spent.get(op.operationId) ?? 0) + Date.now() - t0);
          if (violation) {
            violations.push(violation);
            statuses.set(violation.status, (statuses.get(violation.status) ?? 0) + 1);
          }
        }
      }),
    );
    if (process.env.FUZZ_PROFILE)
      process.stderr.write(
        `fuzz: ms per operation ${JSON.stringify([...spent].sort((a, b) => b[1] - a[1]).slice(0, 12))}\n`,
      );
    const fiveXx = violations.filter((v) => v.status >= 500).length;
    process.stderr.write(
      `fuzz: ${sent} requests over ${ops.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${fiveXx} × 5xx; ${violations.length} violations; seed ${SEED}\n`,
    );
    expect(violations.slice(0, 15)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(TOTAL, 5000));
  }, 300_000);
});
