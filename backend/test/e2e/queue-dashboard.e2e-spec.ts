import { randomUUID } from 'node:crypto';
import { Tenant } from '../../src/modules/identity/tenant.entity.js';
import { ProjectMember } from '../../src/modules/projects/project-member.entity.js';
import { createAccount, createProject, TEST_PASSWORD } from '../factories/accounts.js';
import { bootTestApp, type TestApp } from '../utils/test-app.js';

const PUBLIC_URL = 'http://admit.example.test';

describe('queue dashboard at /admin/queues (e2e)', () => {
  let t: TestApp;
  let ownerCookie: string;
  let supportCookie: string;
  let adminCookie: string;
  let otherTenantOwnerCookie: string;

  async function sessionCookie(email: string): Promise<string> {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('X-Requested-With', 'admit-console')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    const header = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('admit_session='));
    expect(header).toContain('Path=/;');
    return header!.split(';')[0]!;
  }

  beforeAll(async () => {
    const operatorTenantId = randomUUID();
    t = await bootTestApp({ PUBLIC_URL, OPERATOR_TENANT_ID: operatorTenantId });
    const tenantEm = t.orm.em.fork();
    tenantEm.create(Tenant, { id: operatorTenantId, name: 'Operator' });
    await tenantEm.flush();
    const owner = await createAccount(t.orm, t.http, operatorTenantId);
    // A customer's owner: owns a project, but in another tenant.
    const otherOwner = await createAccount(t.orm, t.http);
    await createProject(t.http, otherOwner.token);
    const project = await createProject(t.http, owner.token);
    const support = await createAccount(t.orm, t.http, owner.tenantId);
    const admin = await createAccount(t.orm, t.http, owner.tenantId);
    const em = t.orm.em.fork();
    em.create(ProjectMember, { project: project.id, user: support.userId, role: 'support' });
    em.create(ProjectMember, { project: project.id, user: admin.userId, role: 'admin' });
    await em.flush();
    [ownerCookie, supportCookie, adminCookie, otherTenantOwnerCookie] = await Promise.all(
      [owner, support, admin, otherOwner].map((a) => sessionCookie(a.email)),
    );
  });
  afterAll(() => t.close());

  it('serves the dashboard page to a project owner, without the font CDN the CSP would refuse', async () => {
    const res = await t.http.get('/admin/queues').set('Cookie', ownerCookie).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<title>Admit queues</title>');
    expect(res.text).toContain('<base href="/admin/queues/"');
    expect(res.text).not.toContain('fonts.googleapis.com');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(res.text)![1];
    await t.http.get(`/admin/queues/${script}`).set('Cookie', ownerCookie).expect(200);
  });

  it('lists every queue of the app to an owner', async () => {
    const res = await t.http.get('/admin/queues/api/queues').set('Cookie', ownerCookie).expect(200);
    const names = (res.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['batches', 'mail', 'outbox', 'webhooks']);
  });

  it("refuses support and admin members, and another tenant's owner, with 403 problem+json", async () => {
    for (const cookie of [supportCookie, adminCookie, otherTenantOwnerCookie]) {
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const res = await t.http.get(path).set('Cookie', cookie).expect(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('forbidden');
      }
    }
  });

  it('tells each user through /me whether the dashboard lets them in, so the console links it only for them', async () => {
    const seen = async (cookie: string) =>
      (await t.http.get('/api/v1/me').set('Cookie', cookie).expect(200)).body.queueDashboard as boolean;
    expect(await seen(ownerCookie)).toBe(true);
    for (const cookie of [supportCookie, adminCookie, otherTenantOwnerCookie])
      expect(await seen(cookie)).toBe(false);
  });

  it('answers 401 without a session, and sends a browser to the login form', async () => {
    const api = await t.http.get('/admin/queues/api/queues').expect(401);
    expect(api.body.code).toBe('unauthorized');
    const page = await t.http.get('/admin/queues').set('Accept', 'text/html').expect(302);
    expect(page.headers.location).toBe('/login');
    await t.http.get('/admin/queues/api/queues').set('Cookie', 'admit_session=adms_forged').expect(401);
  });

  it('believes a queue action only from its own origin', async () => {
    const path = '/admin/queues/api/queues/mail/pause';
    const cross = await t.http.put(path).set('Cookie', ownerCookie).set('Origin', 'http://evil.example');
    expect(cross.status).toBe(403);
    const same = await t.http.put(path).set('Cookie', ownerCookie).set('Origin', PUBLIC_URL);
    expect(same.status).toBe(200);
    const resume = await t.http
      .put('/admin/queues/api/queues/mail/resume')
      .set('Cookie', ownerCookie)
      .set('Sec-Fetch-Site', 'same-origin');
    expect(resume.status).toBe(200);
  });
});
