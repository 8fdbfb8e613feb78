import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import { until } from '../utils/until.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { createApiKey, createCodes } from '../factories/codes.js';

/**
 * A loopback server that counts TCP connections: the proof that a refused webhook never connects.
 * (Only loopback is used as a live target here; private and metadata addresses are refused before
 * any socket is opened, which the create answers below show.)
 */
class Listener {
  connections = 0;
  requests = 0;
  private server?: Server;
  port = 0;

  async start(
    respond: (res: import('node:http').ServerResponse) => void = (res) => res.end(),
  ): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests++;
      req.resume();
      req.on('end', () => respond(res));
    });
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('Webhook SSRF defence (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  let project: ProjectFixture;
  let key: string;
  const listener = new Listener();

  beforeAll(async () => {
    await listener.start();
    // http allowed (so the answers below are about addresses, not the scheme); no allowlist.
    t = await bootTestApp({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_MAX_ATTEMPTS: '2',
    });
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    key = await createApiKey(t.http, owner.token, project.id);
  });
  afterAll(async () => {
    await listener.stop();
    await t.close();
  });

  const create = (url: string) =>
    t.http
      .post(`/api/v1/projects/${project.id}/webhooks`)
      .set(...bearer(owner.token))
      .send({ url, events: ['code.redeemed'] });

  it('refuses loopback, private, link-local, unspecified and mapped addresses at creation', async () => {
    const refused = [
      `http://127.0.0.1:${listener.port}/hooks`,
      `http://localhost:${listener.port}/hooks`,
      `http://[::1]:${listener.port}/hooks`,
      `http://[::ffff:127.0.0.1]:${listener.port}/hooks`,
      `http://2130706433:${listener.port}/hooks`,
      `http://0177.0.0.1:${listener.port}/hooks`,
      'http://127.0.0.1:6379/',
      'http://127.0.0.1:5432/',
      'http://0.0.0.0/hooks',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/hooks',
      'http://192.168.1.1/hooks',
      'http://172.16.0.1/hooks',
      'http://100.64.0.1/hooks',
      'http://[fd00::1]/hooks',
    ];
    const answers: Record<string, unknown> = {};
    for (const url of refused) {
      const res = await create(url);
      answers[url] = {
        status: res.status,
        type: res.headers['content-type'],
        error: res.body.errors?.[0] && { field: res.body.errors[0].field, code: res.body.errors[0].code },
      };
    }
    for (const url of refused)
      expect([url, answers[url]]).toEqual([
        url,
        {
          status: 400,
          type: expect.stringMatching(/^application\/problem\+json/),
          // Some forms are already refused by the URL syntax check (invalid_url); none is accepted.
          error: { field: 'url', code: expect.stringMatching(/^(address_not_allowed|invalid_url)$/) },
        },
      ]);
    expect(listener.connections).toBe(0);
  });

  it('refuses credentials in the URL and non-http schemes', async () => {
    const creds = await create('https://user:pass@hooks.example.test/x').expect(400);
    expect(creds.body.errors).toEqual([
      expect.objectContaining({ field: 'url', code: 'credentials_not_allowed' }),
    ]);
    const ftp = await create('ftp://hooks.example.test/x').expect(400);
    expect(ftp.body.errors[0]).toMatchObject({ field: 'url' });
  });

  it('refuses plain http when the operator did not allow it', async () => {
    const strict = await bootTestApp({ WEBHOOK_ALLOW_HTTP: 'false' });
    try {
      const res = await strict.http
        .post(`/api/v1/projects/${project.id}/webhooks`)
        .set(...bearer(owner.token))
        .send({ url: 'http://93.184.215.14/hooks', events: ['code.redeemed'] })
        .expect(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'url', code: 'scheme_not_allowed' }),
      ]);
    } finally {
      await strict.close();
    }
  });

  it('checks again at delivery: an endpoint stored before the policy never reaches a loopback receiver', async () => {
    // As if created before this release (or by DNS that changed since): straight into the table.
    const [hook] = await t.orm.em.getConnection().execute<{ id: string }[]>(
      `insert into webhooks (id, project_id, url, secret, events, active, created_at)
         values (gen_random_uuid(), ?, ?, 'whsec_test', '{code.redeemed}', true, now()) returning id`,
      [project.id, `http://localhost:${listener.port}/hooks`],
    );
    const fx = await createCodes(t.orm, project.id);
    await t.http
      .post('/api/v1/redemptions')
      .set(...bearer(key))
      .send({ code: fx.codes[0], learner: { externalId: 'ssrf' } })
      .expect(201);

    const delivery = await until('the refused attempts', async () => {
      const res = await t.http
        .get(`/api/v1/projects/${project.id}/webhooks/${hook.id}/deliveries`)
        .set(...bearer(owner.token))
        .expect(200);
      const [d] = res.body.items;
      return d?.status === 'failed' ? d : undefined;
    });
    expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: null, lastError: 'address_not_allowed' });
    expect(listener.connections).toBe(0);
    expect(listener.requests).toBe(0);
  });
});
