import { randomInt } from 'node:crypto';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { bearer, createAccount, TEST_PASSWORD } from '../factories/accounts.js';

/** Addresses of their own per run: lockouts outlive a run in the shared Redis. */
function someAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

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

  const login = (email: string, password: string, ip: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('locks an account for the address that guessed 10 wrong passwords, never for the owner elsewhere', async () => {
    const account = await createAccount(t.orm, t.http);
    const guesser = someAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(account.email, `wrong-${i}`, guesser)).status);
    expect(statuses).toEqual([...Array(9).fill(401), 429]);
    const locked = await login(account.email, TEST_PASSWORD, guesser).expect(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The owner, from another address, is not locked out by someone else's guessing.
    await login(account.email, TEST_PASSWORD, someAddress()).expect(200);
    // Nor is another account from the guessing address.
    const other = await createAccount(t.orm, t.http);
    await login(other.email, TEST_PASSWORD, guesser).expect(200);
  });

  describe('console session cookie', () => {
    const CONSOLE: [string, string] = ['X-Requested-With', 'admit-console'];
    const sessionCookie = (res: { headers: Record<string, unknown> }): string => {
      const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []);
      return cookies.find((c) => c.startsWith('admit_session=')) ?? '';
    };

    it('sets an HttpOnly SameSite=Strict cookie for the console only, and still answers the token', async () => {
      const account = await createAccount(t.orm, t.http);
      const api = await login(account.email, TEST_PASSWORD, someAddress()).expect(200);
      expect(sessionCookie(api)).toBe('');
      const res = await login(account.email, TEST_PASSWORD, someAddress())
        .set(...CONSOLE)
        .expect(200);
      const cookie = sessionCookie(res);
      expect(cookie).toMatch(/^admit_session=adms_[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
      expect(res.body.accessToken).toBe(cookie.split(';')[0].slice('admit_session='.length));
    });

    it('authenticates with the cookie, refuses unsafe requests without the console header, and logs out', async () => {
      const account = await createAccount(t.orm, t.http);
      const res = await login(account.email, TEST_PASSWORD, someAddress())
        .set(...CONSOLE)
        .expect(200);
      const cookie = sessionCookie(res).split(';')[0];
      const me = await t.http.get('/api/v1/me').set('Cookie', cookie).expect(200);
      expect(me.body.id).toBe(account.userId);

      // A forged cross-site POST carries the cookie but cannot add the header.
      const forged = await t.http
        .post('/api/v1/projects')
        .set('Cookie', cookie)
        .send({ name: 'Forged', slug: `forged-${randomInt(1e9)}` })
        .expect(403);
      expect(forged.body.code).toBe('forbidden');
      const [{ n }] = await t.orm.em
        .getConnection()
        .execute("select count(*)::int as n from projects where name = 'Forged'");
      expect(n).toBe(0);
      await t.http
        .post('/api/v1/projects')
        .set('Cookie', cookie)
        .set(...CONSOLE)
        .send({ name: 'From the console', slug: `console-${randomInt(1e9)}` })
        .expect(201);

      await t.http.post('/api/v1/auth/logout').set('Cookie', cookie).expect(403);
      const out = await t.http
        .post('/api/v1/auth/logout')
        .set('Cookie', cookie)
        .set(...CONSOLE)
        .expect(204);
      expect(sessionCookie(out)).toMatch(/^admit_session=; Path=\/; Max-Age=0;/);
      await t.http.get('/api/v1/me').set('Cookie', cookie).expect(401);
    });

    it('never takes an API key from a cookie', async () => {
      await t.http.get('/api/v1/me').set('Cookie', 'admit_session=admit_abc_def').expect(401);
    });
  });
});
