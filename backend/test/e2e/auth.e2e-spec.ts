import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { bearer, createAccount, TEST_PASSWORD } from '../factories/accounts.js';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('logs in with email and password and answers /me with the user', async () => {
    const account = await createAccount(t.orm, t.http);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: account.email.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(login.body).toEqual({
      accessToken: expect.stringMatching(/^adms_/),
      expiresAt: expect.any(String),
      user: { id: account.userId, email: account.email, name: 'Test User' },
    });
    const me = await t.http
      .get('/api/v1/me')
      .set(...bearer(login.body.accessToken))
      .expect(200);
    expect(me.body).toMatchObject({ id: account.userId, email: account.email, tenantId: account.tenantId });
  });

  it('answers a wrong password with 401 invalid_credentials as problem+json', async () => {
    const account = await createAccount(t.orm, t.http);
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ email: account.email, password: 'wrong password' })
      .expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      requestId: expect.any(String),
    });
  });

  it('names unknown, missing and wrongly typed fields in a 400', async () => {
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.test', password: 'x', admin: true })
      .expect(400);
    expect(unknown.body.code).toBe('validation_failed');
    expect(unknown.body.errors).toEqual([
      { field: 'admin', code: 'unknown_field', message: 'unknown field admin' },
    ]);

    const missing = await t.http.post('/api/v1/auth/login').send({ email: 'a@b.test' }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);

    const wrongType = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 42, password: ['x'] })
      .expect(400);
    expect(wrongType.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'email',
      'password',
    ]);
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('refuses requests without a valid token with 401', async () => {
    await t.http.get('/api/v1/me').expect(401);
    const res = await t.http
      .get('/api/v1/me')
      .set(...bearer('adms_not-a-real-token'))
      .expect(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('logs out: the token stops working', async () => {
    const account = await createAccount(t.orm, t.http);
    await t.http
      .post('/api/v1/auth/logout')
      .set(...bearer(account.token))
      .expect(204);
    await t.http
      .get('/api/v1/me')
      .set(...bearer(account.token))
      .expect(401);
  });

  it('locks an account out with 429 and Retry-After after 10 wrong passwords', async () => {
    const account = await createAccount(t.orm, t.http);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({ email: account.email, password: `wrong-${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses[9]).toBe(429);
    const locked = await t.http
      .post('/api/v1/auth/login')
      .send({ email: account.email, password: TEST_PASSWORD })
      .expect(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
