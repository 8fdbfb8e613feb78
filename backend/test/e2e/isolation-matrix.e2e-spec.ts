import { randomUUID } from 'node:crypto';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { bearer } from '../factories/accounts.js';
import { createWorld, DEAD_WEBHOOK_URL, type World } from '../factories/world.js';
import { fillPath, OpenApi, type Operation, queryString, type Schema } from '../utils/openapi.js';

/**
 * Tenant isolation, walked from the committed OpenAPI document: every operation is called by
 * tenant B (its owner's session, its API key, and no credentials for public operations) with
 * tenant A's identifiers — in the path as A's whole path, and as B's own project holding A's
 * resources — and in the body. A's identifiers in the path answer 403/404; nothing is ever
 * answered with A's data; A's state is the same afterwards. A new endpoint is covered as soon as
 * it is in openapi.json; one with a path parameter the world does not know fails here.
 */
describe('Isolation matrix from the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let a: World;
  let b: World;
  const openapi = new OpenApi();

  beforeAll(async () => {
    t = await bootTestApp({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_MAX_ATTEMPTS: '1',
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    const tag = randomUUID().slice(0, 8);
    a = await createWorld(t, `tenant-a-${tag}`);
    b = await createWorld(t, `tenant-b-${tag}`);
  });
  afterAll(() => t.close());

  /** A body the schema accepts, naming A's resources wherever a field names one. */
  function body(schema: Schema, ids: Record<string, string>, name = ''): unknown {
    const s = openapi.resolve(schema);
    if (s.enum?.length) return s.enum[0];
    if (name === 'url') return DEAD_WEBHOOK_URL;
    if (/email$/i.test(name)) return `iso-${randomUUID().slice(0, 8)}@example.test`;
    if (name === 'password') return 'isolation matrix password';
    if (name === 'code') return ids.code;
    if (name === 'reason') return 'isolation';
    switch (s.type) {
      case 'string':
        if (s.format === 'uuid') return ids[name] ?? randomUUID();
        if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
        return `iso ${name}`;
      case 'number':
      case 'integer':
        return s.minimum ?? 1;
      case 'boolean':
        return false;
      case 'array': {
        const items = openapi.resolve(s.items ?? {});
        return [items.enum?.[0] ?? body(items, ids)];
      }
      default:
        return Object.fromEntries(
          Object.entries(s.properties ?? {})
            .filter(([k]) => (s.required ?? []).includes(k) || k in ids || k === 'learner')
            .map(([k, v]) => [k, body(v, ids, k)]),
        );
    }
  }

  interface Case {
    op: Operation;
    variant: string;
    path: Record<string, string>;
    /** True when a path parameter names a resource of A (403/404 expected). */
    pathNamesA: boolean;
    body?: unknown;
  }

  function cases(op: Operation): Case[] {
    const names = op.pathParams.map((p) => p.name);
    const unknown = names.filter((n) => !(n in a.ids));
    if (unknown.length)
      throw new Error(
        `${op.operationId}: add ${unknown.join(', ')} to test/factories/world.ts so it is covered`,
      );
    const reqBody = op.body ? body(op.body, a.ids) : undefined;
    const out: Case[] = [];
    const allA = Object.fromEntries(names.map((n) => [n, a.ids[n]]));
    // The activation page is public by design for whoever holds A's slug and code; what must hold
    // there is that B's page cannot reach A's codes (the variant below).
    if (op.secured || !names.includes('projectSlug'))
      out.push({ op, variant: "A's ids", path: allA, pathNamesA: names.length > 0, body: reqBody });
    // B's own project (or activation page) holding A's resources.
    const own = names.includes('projectId')
      ? 'projectId'
      : names.includes('projectSlug')
        ? 'projectSlug'
        : null;
    if (own && (names.length > 1 || op.body)) {
      out.push({
        op,
        variant: `B's ${own}, A's resources`,
        path: { ...allA, [own]: b.ids[own] },
        pathNamesA: names.length > 1,
        body: reqBody,
      });
    }
    return out;
  }

  /** What A's owner sees of A: compared before and after, so no call of B changed A. */
  async function snapshotOfA(): Promise<string> {
    const p = `/api/v1/projects/${a.ids.projectId}`;
    const paths = [
      p,
      `${p}/products?includeArchived=true`,
      `${p}/codes?limit=500`,
      `${p}/batches`,
      `${p}/redemptions`,
      `${p}/members`,
      `${p}/api-keys`,
      `${p}/webhooks`,
      `/api/v1/notifications`,
    ];
    const parts = [];
    for (const path of paths) {
      const res = await t.http.get(path).set(...bearer(a.owner.token));
      expect([path, res.status]).toEqual([path, 200]);
      parts.push(JSON.stringify(res.body));
    }
    return parts.join('\n');
  }

  it('answers tenant B 403/404 for every operation on tenant A, and leaks or changes nothing of A', async () => {
    const before = await snapshotOfA();
    const principals = [
      { name: "B's session", token: b.owner.token },
      { name: "B's API key", token: b.apiKey },
    ];
    const results: { call: string; status: number; problem: string }[] = [];
    let calls = 0;
    for (const op of openapi.operations) {
      if (op.operationId === 'logout') continue; // ends B's own session; names nothing of A
      for (const c of cases(op)) {
        const callers = op.secured ? principals : [...principals, { name: 'no credentials', token: '' }];
        for (const who of callers) {
          const url =
            fillPath(op, c.path) +
            queryString(
              op.operationId === 'downloadSignedBatchCsv'
                ? { expires: String(Date.now() + 60_000), signature: 'x' }
                : {},
            );
          let call = t.http[op.method](url).set('x-forwarded-for', `198.51.100.${calls % 250}`);
          if (who.token) call = call.set(...bearer(who.token));
          if (c.body !== undefined) call = call.send(c.body as object);
          const res = await call.buffer(true);
          calls++;
          const text = res.text ?? '';
          const sent = url + JSON.stringify(c.body ?? '');
          // Echoing back what the caller sent is no leak; anything else of A is.
          const leaked = a.secrets.filter((s) => text.includes(s) && !sent.includes(s));
          const label = `${op.method.toUpperCase()} ${op.template} [${c.variant}] as ${who.name}`;
          const bodyNamesA =
            c.body !== undefined && a.secrets.some((s) => JSON.stringify(c.body).includes(s));
          // validate answers 200 {valid: false, reason} by contract; only valid: true would be a leak.
          const acceptedA =
            bodyNamesA && res.status < 300 && (op.operationId !== 'validateCode' || res.body?.valid === true);
          const problem =
            res.status >= 500
              ? '5xx'
              : leaked.length
                ? `leaks ${leaked.join(', ')}`
                : c.pathNamesA && ![403, 404].includes(res.status) && !(res.status === 401 && !who.token)
                  ? `answered ${res.status}, not 403/404`
                  : acceptedA
                    ? `accepted A's ids in the body (${res.status})`
                    : '';
          results.push({ call: label, status: res.status, problem });
        }
      }
    }
    const after = await snapshotOfA();
    process.stderr.write(
      `isolation matrix: ${calls} calls over ${openapi.operations.length} operations; ` +
        `${results.filter((r) => r.problem).length} problems\n`,
    );
    expect(calls).toBeGreaterThan(150);
    expect(results.filter((r) => r.problem)).toEqual([]);
    expect(after).toBe(before);
  });
});
