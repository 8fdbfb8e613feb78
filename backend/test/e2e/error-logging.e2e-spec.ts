import { Writable } from 'node:stream';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { type Account, bearer, createAccount } from '../factories/accounts.js';

/**
 * An error nobody planned for is answered 500 without details and logged once with what an
 * operator needs to find it: message, stack, request id, route, method and who asked; never the
 * caller's credentials.
 */
describe('Unhandled errors in the log (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  const lines: string[] = [];

  beforeAll(async () => {
    const logs = new Writable({
      write(chunk: Buffer, _enc, callback) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        callback();
      },
    });
    t = await bootTestApp({ LOG_LEVEL: 'info' }, { logDestination: logs });
    owner = await createAccount(t.orm, t.http);
  });
  afterAll(() => t.close());

  it('logs an unhandled error once with message, stack, request id, route, method and principal', async () => {
    // A real failure the code does not expect: the table behind the route is gone.
    const em = t.orm.em.fork();
    await em.execute('alter table notifications rename to notifications_moved_away');
    let res;
    try {
      res = await t.http
        .get('/api/v1/notifications?unread=true')
        .set(...bearer(owner.token))
        .set('Cookie', 'admit_session=cookie-secret-value')
        .set('X-Request-Id', 'trace-unhandled-1');
    } finally {
      await em.execute('alter table notifications_moved_away rename to notifications');
    }
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'internal_error', requestId: 'trace-unhandled-1' });
    expect(JSON.stringify(res.body)).not.toMatch(/notifications|relation|stack/);

    const errors = lines
      .map((l) => JSON.parse(l) as { level: number; requestId?: string; msg: string })
      .filter((l) => l.level >= 50 && l.requestId === 'trace-unhandled-1');
    expect(errors).toHaveLength(1);
    const [line] = errors;
    expect(line).toMatchObject({
      requestId: 'trace-unhandled-1',
      method: 'GET',
      route: '/api/v1/notifications',
      principal: { kind: 'user', id: owner.userId },
      err: { message: expect.stringContaining('notifications'), stack: expect.stringMatching(/\n\s+at /) },
    });
    expect(line.msg).toMatch(/^Unhandled error: .*notifications/);
    const raw = lines.join('\n');
    expect(raw).not.toContain(owner.token);
    expect(raw).not.toContain('cookie-secret-value');
    expect(raw).not.toContain('[object Object]');
  });
});
