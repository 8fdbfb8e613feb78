import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { bearer, createAccount, createProject, TEST_PASSWORD } from '../factories/accounts.js';
import { createCatalog } from '../factories/catalog.js';
import { randomUUID } from 'node:crypto';

describe('projects and members (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('creates a project with the default settings and makes the creator its owner', async () => {
    const owner = await createAccount(t.orm, t.http);
    const res = await t.http
      .post('/api/v1/projects')
      .set(...bearer(owner.token))
      .send({ name: 'Maths Académie' })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Maths Académie',
      slug: expect.stringMatching(/^maths-academie/),
      role: 'owner',
      settings: {
        bulkThreshold: 150,
        maxBatchSize: 2000,
        maxBatchSizeLimit: 10_000_000,
        codeFormat: { kind: 'random', length: 12, groupSize: 4, checkChar: false },
      },
    });
    const list = await t.http
      .get('/api/v1/projects')
      .set(...bearer(owner.token))
      .expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('answers 404 for a project of another tenant, and lists only the caller’s projects', async () => {
    const alice = await createAccount(t.orm, t.http);
    const mallory = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, alice.token);
    const res = await t.http
      .get(`/api/v1/projects/${project.id}`)
      .set(...bearer(mallory.token))
      .expect(404);
    expect(res.body).toMatchObject({ code: 'not_found' });
    expect(JSON.stringify(res.body)).not.toContain(project.slug);
    await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(mallory.token))
      .send({ name: 'x' })
      .expect(404);
    await t.http
      .get(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(mallory.token))
      .expect(404);
    await t.http
      .get('/api/v1/projects/not-a-uuid')
      .set(...bearer(mallory.token))
      .expect(404);
    const list = await t.http
      .get('/api/v1/projects')
      .set(...bearer(mallory.token))
      .expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('refuses a taken slug with 409 naming the field', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const res = await t.http
      .post('/api/v1/projects')
      .set(...bearer(owner.token))
      .send({ name: 'Again', slug: project.slug })
      .expect(409);
    expect(res.body.errors).toEqual([{ field: 'slug', code: 'taken', message: expect.any(String) }]);
  });

  it('updates settings within their limits and names the field that is out of range', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const ok = await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .send({ settings: { bulkThreshold: 500, maxBatchSize: 10_000_000 } })
      .expect(200);
    expect(ok.body.settings).toMatchObject({ bulkThreshold: 500, maxBatchSize: 10_000_000 });
    const bad = await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .send({
        settings: { maxBatchSize: 10_000_001, codeFormat: { length: 3, groupSize: 4, checkChar: 'yes' } },
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'settings.codeFormat.checkChar',
      'settings.codeFormat.length',
      'settings.maxBatchSize',
    ]);
  });

  it('keeps a prefix + random default format with its check character, and new batches use it', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const saved = await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .send({
        settings: {
          maxBatchSize: 5000,
          codeFormat: { kind: 'prefixed', prefix: 'maths ', length: 10, groupSize: 5, checkChar: true },
        },
      })
      .expect(200);
    expect(saved.body.settings).toMatchObject({
      maxBatchSize: 5000,
      codeFormat: { kind: 'prefixed', prefix: 'MATHS', length: 10, groupSize: 5, checkChar: true },
    });
    const again = await t.http
      .get(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .expect(200);
    expect(again.body.settings.codeFormat).toEqual(saved.body.settings.codeFormat);

    const catalog = await createCatalog(t.http, owner.token, project.id);
    const made = await t.http
      .post(`/api/v1/projects/${project.id}/batches`)
      .set(...bearer(owner.token))
      .send({
        productId: catalog.productId,
        planId: catalog.planId,
        count: 2,
        usageType: 'single',
        notify: false,
      })
      .expect(201);
    expect(made.body.batch.format).toMatchObject({
      kind: 'prefixed',
      prefix: 'MATHS',
      length: 10,
      checkChar: true,
    });
    for (const code of made.body.codes) {
      expect(code.code).toMatch(/^MATHS[0-9A-Z]{11}$/);
      expect(code.display).toMatch(/^MATHS-[0-9A-Z]{5}-[0-9A-Z]{5}-?[0-9A-Z]?$/);
    }
  });

  it('refuses a prefixed default without a prefix, and a field code names each refusal', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const noPrefix = await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .send({ settings: { codeFormat: { kind: 'prefixed', length: 12, groupSize: 4, checkChar: false } } })
      .expect(400);
    expect(noPrefix.body.errors).toEqual([
      { field: 'settings.codeFormat.prefix', code: 'required', message: expect.any(String) },
    ]);
    const badPrefix = await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .send({
        settings: {
          codeFormat: { kind: 'prefixed', prefix: 'ÄÖ!', length: 12, groupSize: 4, checkChar: false },
        },
      })
      .expect(400);
    expect(badPrefix.body.errors).toEqual([
      { field: 'settings.codeFormat.prefix', code: 'invalid_format', message: expect.any(String) },
    ]);
    const custom = await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .send({
        settings: { codeFormat: { kind: 'custom', prefix: 'X', length: 12, groupSize: 4, checkChar: false } },
      })
      .expect(400);
    expect(custom.body.errors[0]).toMatchObject({
      field: 'settings.codeFormat.kind',
      code: 'not_allowed_value',
    });
    const untouched = await t.http
      .get(`/api/v1/projects/${project.id}`)
      .set(...bearer(owner.token))
      .expect(200);
    expect(untouched.body.settings.codeFormat).toEqual({
      kind: 'random',
      length: 12,
      groupSize: 4,
      checkChar: false,
    });
  });

  it('adds a support member who can read but not change the project', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const email = `support-${randomUUID()}@example.test`;
    const added = await t.http
      .post(`/api/v1/projects/${project.id}/members`)
      .set(...bearer(owner.token))
      .send({ email, name: 'Sam Support', password: TEST_PASSWORD, role: 'support' })
      .expect(201);
    expect(added.body).toMatchObject({ email, name: 'Sam Support', role: 'support' });
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    const support = login.body.accessToken;
    await t.http
      .get(`/api/v1/projects/${project.id}`)
      .set(...bearer(support))
      .expect(200);
    const denied = await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(...bearer(support))
      .send({ name: 'x' })
      .expect(403);
    expect(denied.body.code).toBe('forbidden');
    await t.http
      .get(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(support))
      .expect(403);

    await t.http
      .patch(`/api/v1/projects/${project.id}/members/${added.body.userId}`)
      .set(...bearer(owner.token))
      .send({ role: 'admin' })
      .expect(200);
    await t.http
      .get(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(support))
      .expect(200);

    await t.http
      .delete(`/api/v1/projects/${project.id}/members/${added.body.userId}`)
      .set(...bearer(owner.token))
      .expect(204);
    await t.http
      .get(`/api/v1/projects/${project.id}`)
      .set(...bearer(support))
      .expect(404);
  });

  it('asks for a name and password when the member has no account yet', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const res = await t.http
      .post(`/api/v1/projects/${project.id}/members`)
      .set(...bearer(owner.token))
      .send({ email: `new-${randomUUID()}@example.test`, role: 'admin' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'password']);
  });

  it('refuses a weak initial password with the field and why, and creates no account', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const cases: [string, string, string][] = [
      ['password', 'too_short', 'x'],
      ['12345678', 'too_short', 'x'],
      ['aaaaaaaa', 'too_short', 'x'],
      ['password1234', 'too_common', 'x'],
      ['Qwerty123456!', 'too_common', 'x'],
      ['aaaaaaaaaaaaaaaa', 'too_common', 'x'],
      ['grace.hopper-1906!', 'too_similar', 'grace.hopper'],
    ];
    for (const [password, reason, local] of cases) {
      const email = `${local === 'x' ? `new-${randomUUID()}` : local}@example.test`;
      const res = await t.http
        .post(`/api/v1/projects/${project.id}/members`)
        .set(...bearer(owner.token))
        .send({ email, name: 'New Person', password, role: 'admin' })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect({ password, body: res.body }).toMatchObject({
        password,
        body: { code: 'validation_failed', errors: [{ field: 'password', code: reason }] },
      });
      const [{ n }] = await t.orm.em
        .getConnection()
        .execute('select count(*)::int as n from users where email = ?', [email]);
      expect(n).toBe(0);
    }
  });

  it('keeps at least one owner', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const res = await t.http
      .patch(`/api/v1/projects/${project.id}/members/${owner.userId}`)
      .set(...bearer(owner.token))
      .send({ role: 'admin' })
      .expect(409);
    expect(res.body.errors[0].field).toBe('role');
  });
});
