import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { createAccount, TEST_PASSWORD } from '../factories/accounts.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe('platform endpoints (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ METRICS_TOKEN: METRICS_TOKEN, PUBLIC_URL: 'http://admit.example.test' });
  });
  afterAll(() => t.close());

  it('answers liveness, and readiness after checking PostgreSQL and Redis', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: { postgres: 'up', redis: 'up' },
    });
  });

  it('echoes a given request id and makes one up otherwise', async () => {
    const given = await t.http.get('/health/live').set('X-Request-Id', 'trace-abc.123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-abc.123');
    const made = await t.http.get('/api/v1/nope').expect(404);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.requestId).toBe(made.headers['x-request-id']);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    expect(doc.body.paths['/api/v1/auth/login'].post.operationId).toBe('login');
    await t.http.get('/docs').expect((res) => expect([200, 301, 302]).toContain(res.status));
  });

  it('exposes Prometheus metrics including request durations', async () => {
    await t.http.get('/health/live');
    const res = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.text).toContain('admit_http_request_duration_seconds_bucket');
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('refuses /metrics without the token, with a wrong one, and to everyone when no token is set', async () => {
    const none = await t.http.get('/metrics').expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.body.code).toBe('unauthorized');
    expect(none.text).not.toContain('process_cpu');
    await t.http
      .get('/metrics')
      .set('Authorization', 'Bearer metrics-token-for-tests-0123456788')
      .expect(401);
    const unset = await bootTestApp({ METRICS_TOKEN: '' });
    try {
      const res = await unset.http
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`)
        .expect(403);
      expect(res.body.code).toBe('forbidden');
    } finally {
      await unset.close();
    }
  });

  it('sends security headers on the API, /docs, /metrics and errors; no HSTS over plain http', async () => {
    const answers = [
      await t.http.get('/api/v1/me'),
      await t.http.get('/docs/'),
      await t.http.get('/docs-json'),
      await t.http.get('/metrics'),
      await t.http.get('/health/live'),
    ];
    for (const res of answers) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS when the public URL is https', async () => {
    const tls = await bootTestApp({ PUBLIC_URL: 'https://admit.example.test' });
    try {
      const res = await tls.http.get('/health/live').expect(200);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      const account = await createAccount(tls.orm, tls.http);
      const login = await tls.http
        .post('/api/v1/auth/login')
        .set('X-Requested-With', 'admit-console')
        .send({ email: account.email, password: TEST_PASSWORD })
        .expect(200);
      expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await tls.close();
    }
  });
});
