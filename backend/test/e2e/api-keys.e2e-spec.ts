import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { bearer, createAccount, createProject } from '../factories/accounts.js';

describe('API keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('shows the secret once, lists keys without it, and stores only a hash', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const created = await t.http
      .post(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(owner.token))
      .send({ name: 'LMS', scopes: ['codes:read', 'redemptions:write'] })
      .expect(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'LMS',
      prefix: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      scopes: ['codes:read', 'redemptions:write'],
      secret: expect.stringMatching(/^admit_[A-Za-z0-9]{12}_/),
    });
    expect(created.body.secret).toContain(created.body.prefix);
    // The part after `admit_<prefix>_` (base64url, so it may hold `_` and `-` itself).
    const secretPart: string = created.body.secret.slice(`admit_${created.body.prefix}_`.length);
    expect(secretPart.length).toBeGreaterThanOrEqual(16);

    const list = await t.http
      .get(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(owner.token))
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).not.toHaveProperty('secret');
    expect(JSON.stringify(list.body)).not.toContain(secretPart);

    const rows = await t.orm.em
      .getConnection()
      .execute('select secret_hash from api_keys where id = ?', [created.body.id]);
    expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].secret_hash).not.toContain(secretPart);
  });

  it('refuses unknown scopes and a missing name, naming the fields', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const res = await t.http
      .post(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(owner.token))
      .send({ scopes: ['codes:delete'] })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'scopes']);
  });

  it('has no codes:write scope: code management belongs to the console, so a key cannot ask for it', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const res = await t.http
      .post(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(owner.token))
      .send({ name: 'writer', scopes: ['codes:read', 'codes:write'] })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['scopes']);
    // A key with every scope there is still cannot reach the console's code management.
    const created = await t.http
      .post(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(owner.token))
      .send({ name: 'all', scopes: ['codes:read', 'redemptions:write'] })
      .expect(201);
    await t.http
      .get(`/api/v1/projects/${project.id}/codes`)
      .set(...bearer(created.body.secret))
      .expect(403);
  });

  it('authenticates as the key, not as a console user, and stops working once deleted', async () => {
    const owner = await createAccount(t.orm, t.http);
    const project = await createProject(t.http, owner.token);
    const created = await t.http
      .post(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(owner.token))
      .send({ name: 'svc', scopes: ['codes:read'] })
      .expect(201);
    const asKey = await t.http
      .get('/api/v1/me')
      .set(...bearer(created.body.secret))
      .expect(403);
    expect(asKey.body.code).toBe('forbidden');
    await t.http
      .get(`/api/v1/projects/${project.id}`)
      .set(...bearer(created.body.secret))
      .expect(403);

    await t.http
      .delete(`/api/v1/projects/${project.id}/api-keys/${created.body.id}`)
      .set(...bearer(owner.token))
      .expect(204);
    await t.http
      .get('/api/v1/me')
      .set(...bearer(created.body.secret))
      .expect(401);
    const list = await t.http
      .get(`/api/v1/projects/${project.id}/api-keys`)
      .set(...bearer(owner.token))
      .expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('cannot delete another project’s key through its own project', async () => {
    const owner = await createAccount(t.orm, t.http);
    const a = await createProject(t.http, owner.token);
    const b = await createProject(t.http, owner.token);
    const key = await t.http
      .post(`/api/v1/projects/${a.id}/api-keys`)
      .set(...bearer(owner.token))
      .send({ name: 'k', scopes: ['codes:read'] })
      .expect(201);
    await t.http
      .delete(`/api/v1/projects/${b.id}/api-keys/${key.body.id}`)
      .set(...bearer(owner.token))
      .expect(404);
  });
});
