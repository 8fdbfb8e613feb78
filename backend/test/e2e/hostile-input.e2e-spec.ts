import type { Response } from 'supertest';
import { bootTestApp, type TestApp } from '../utils/test-app.js';
import {
  type Account,
  bearer,
  createAccount,
  createProject,
  type ProjectFixture,
} from '../factories/accounts.js';
import { createApiKey, createCodes, type CodesFixture } from '../factories/codes.js';

/** A problem+json answer with this status, `code`, and (when given) an error naming `field`. */
function expectProblem(
  res: Response,
  status: number,
  code: string,
  field?: string,
  fieldCode?: string,
): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(res.body).toMatchObject({ status, code, requestId: expect.any(String) });
  if (field) {
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, ...(fieldCode ? { code: fieldCode } : {}) })]),
    );
  }
}

describe('Hostile input (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  let project: ProjectFixture;
  let key: string;
  let fx: CodesFixture;

  beforeAll(async () => {
    t = await bootTestApp();
    owner = await createAccount(t.orm, t.http);
    project = await createProject(t.http, owner.token);
    key = await createApiKey(t.http, owner.token, project.id);
    fx = await createCodes(t.orm, project.id);
  });
  afterAll(() => t.close());

  const api = (path: string) => `/api/v1${path}`;

  describe('NUL bytes and unpaired surrogates → 400 naming the field', () => {
    const hostile = { nul: 'a\u0000b', lead: 'x\ud800y', trail: '\udc00tail' };

    it.each(Object.entries(hostile))('in a nested body string (%s) of POST /redemptions', async (_, bad) => {
      const res = await t.http
        .post(api('/redemptions'))
        .set(...bearer(key))
        .send({ code: fx.codes[0], learner: { externalId: bad } });
      expectProblem(res, 400, 'validation_failed', 'learner.externalId', 'not_allowed_character');
    });

    it('in names of projects, products, API keys and in emails', async () => {
      expectProblem(
        await t.http
          .post(api('/projects'))
          .set(...bearer(owner.token))
          .send({ name: 'P\u0000' }),
        400,
        'validation_failed',
        'name',
        'not_allowed_character',
      );
      expectProblem(
        await t.http
          .post(api(`/projects/${project.id}/products`))
          .set(...bearer(owner.token))
          .send({ name: 'Course \ud83d' }),
        400,
        'validation_failed',
        'name',
      );
      expectProblem(
        await t.http
          .post(api(`/projects/${project.id}/api-keys`))
          .set(...bearer(owner.token))
          .send({ name: 'k\u0000', scopes: ['codes:redeem'] }),
        400,
        'validation_failed',
        'name',
      );
      expectProblem(
        await t.http
          .post(api(`/projects/${project.id}/members`))
          .set(...bearer(owner.token))
          .send({ email: 'x\ud800@example.test', role: 'support' }),
        400,
        'validation_failed',
        'email',
      );
      expectProblem(
        await t.http
          .post(api('/auth/login'))
          .send({ email: 'x\ud800@example.test', password: 'whatever-long' }),
        400,
        'validation_failed',
        'email',
      );
    });

    it('in an object key of the body', async () => {
      const res = await t.http
        .post(api('/redemptions'))
        .set(...bearer(key))
        .send({ code: fx.codes[0], learner: { externalId: 'k', 'bad\u0000key': 1 } });
      expectProblem(res, 400, 'validation_failed', 'learner', 'not_allowed_character');
    });

    it('in a path parameter and in the query', async () => {
      expectProblem(
        await t.http.get(api('/codes/nul%00byte')).set(...bearer(key)),
        400,
        'validation_failed',
        'code',
        'not_allowed_character',
      );
      expectProblem(
        await t.http.get(api(`/projects/${project.id}/codes?q=%00`)).set(...bearer(owner.token)),
        400,
        'validation_failed',
        'q',
        'not_allowed_character',
      );
      expectProblem(
        await t.http.get(api(`/public/${project.slug}/codes/a%00b`)),
        400,
        'validation_failed',
        'code',
      );
    });

    it('keeps paired surrogates (emoji) and ordinary Unicode', async () => {
      const res = await t.http
        .post(api(`/projects/${project.id}/products`))
        .set(...bearer(owner.token))
        .send({ name: 'Cours de maths 🧮 – été' })
        .expect(201);
      expect(res.body.name).toBe('Cours de maths 🧮 – été');
    });
  });

  describe('body shape, depth and size', () => {
    it('refuses 100,000-deep JSON with 400 too_deep', async () => {
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const res = await t.http
        .post(api('/redemptions'))
        .set(...bearer(key))
        .set('content-type', 'application/json')
        .send(`{"code":"x","learner":${deep}}`);
      expectProblem(res, 400, 'validation_failed', 'body', 'too_deep');
    });

    it('accepts brackets inside strings (depth counts structure only)', async () => {
      const res = await t.http
        .post(api(`/projects/${project.id}/products`))
        .set(...bearer(owner.token))
        .send({ name: `${'['.repeat(40)}${'{'.repeat(40)}` })
        .expect(201);
      expect(res.body.name).toHaveLength(80);
    });

    it('answers 413 problem+json to a body over 1 MiB', async () => {
      const res = await t.http
        .post(api('/projects'))
        .set(...bearer(owner.token))
        .send({ name: 'x'.repeat(1_100_000) });
      expectProblem(res, 413, 'payload_too_large', 'body');
    });

    it('answers 400 problem+json to malformed JSON and to an empty JSON body', async () => {
      expectProblem(
        await t.http
          .post(api('/projects'))
          .set(...bearer(owner.token))
          .set('content-type', 'application/json')
          .send('{"name":'),
        400,
        'validation_failed',
        'body',
        'invalid_format',
      );
      expectProblem(
        await t.http
          .post(api('/projects'))
          .set(...bearer(owner.token))
          .set('content-type', 'application/json')
          .send(''),
        400,
        'validation_failed',
        'body',
      );
    });

    it.each([
      ['application/x-www-form-urlencoded', 'name=Form+project'],
      ['text/plain', '{"name":"Text project"}'],
      ['multipart/form-data; boundary=x', '--x\r\n\r\nname\r\n--x--'],
    ])('answers 415 to a %s body on a JSON endpoint', async (type, body) => {
      const res = await t.http
        .post(api('/projects'))
        .set(...bearer(owner.token))
        .set('content-type', type)
        .send(body);
      expectProblem(res, 415, 'unsupported_media_type', 'content-type');
    });

    it('refuses a body that is null, an array or a scalar', async () => {
      const code = (
        await t.http
          .get(api(`/projects/${project.id}/codes?limit=1`))
          .set(...bearer(owner.token))
          .expect(200)
      ).body.items[0];
      for (const body of ['null', '[]', '"text"', '42']) {
        const res = await t.http
          .patch(api(`/projects/${project.id}/codes/${code.id}`))
          .set(...bearer(owner.token))
          .set('content-type', 'application/json')
          .send(body);
        expectProblem(res, 400, 'validation_failed', 'body', 'invalid_type');
      }
    });
  });

  describe('values accepted before and refused now', () => {
    it('PATCH /projects/:id with "settings": [] → 400 naming settings', async () => {
      const res = await t.http
        .patch(api(`/projects/${project.id}`))
        .set(...bearer(owner.token))
        .send({ settings: [] });
      expectProblem(res, 400, 'validation_failed', 'settings', 'invalid_type');
    });

    it.each([{ name: null }, { settings: null }, { settings: { maxBatchSize: null } }])(
      'PATCH /projects/:id with %j → 400 (null is not "left out" for a required column)',
      async (body) => {
        const res = await t.http
          .patch(api(`/projects/${project.id}`))
          .set(...bearer(owner.token))
          .send(body);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe('validation_failed');
      },
    );

    it.each(['maybe', '1', 'TRUE', ''])(
      '?includeArchived=%s → 400 (booleans are true or false)',
      async (v) => {
        const res = await t.http
          .get(api(`/projects/${project.id}/products?includeArchived=${v}`))
          .set(...bearer(owner.token));
        expectProblem(res, 400, 'validation_failed', 'includeArchived', 'invalid_type');
      },
    );

    it('?includeArchived=true and =false still work', async () => {
      for (const v of ['true', 'false'])
        await t.http
          .get(api(`/projects/${project.id}/products?includeArchived=${v}`))
          .set(...bearer(owner.token))
          .expect(200);
    });
  });

  describe("Fastify's own errors are problem+json", () => {
    it('a malformed URL (bad percent-encoding) → 400', async () => {
      const res = await t.http.get(api('/codes/%E0%A4%A')).set(...bearer(key));
      expectProblem(res, 400, 'validation_failed', 'url');
    });

    it('an over-long path parameter → 414 (or 404 where the console catch-all takes the GET)', async () => {
      const long = 'A'.repeat(5000);
      const post = await t.http
        .post(api(`/projects/${long}/members`))
        .set(...bearer(owner.token))
        .send({ email: 'x@example.test', role: 'support' });
      expectProblem(post, 414, 'uri_too_long', 'url', 'too_long');
      const get = await t.http.get(api(`/codes/${long}`)).set(...bearer(key));
      expect(get.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([414, 404]).toContain(get.status);
    });

    it('an unknown route → 404 problem+json', async () => {
      expectProblem(await t.http.get(api('/no/such/route')), 404, 'not_found');
    });
  });

  describe('per-field codes', () => {
    it('maps class-validator constraints to stable codes and keeps the message', async () => {
      const res = await t.http
        .post(api(`/projects/${project.id}/members`))
        .set(...bearer(owner.token))
        .send({ email: 'not-an-email', role: 'emperor', extra: 1 });
      expect(res.status).toBe(400);
      const byField = Object.fromEntries(
        (res.body.errors as { field: string; code: string; message: string }[]).map((e) => [e.field, e]),
      );
      expect(byField.email).toMatchObject({ code: 'invalid_email', message: expect.any(String) });
      expect(byField.role).toMatchObject({ code: 'not_allowed_value' });
      expect(byField.extra).toMatchObject({ code: 'unknown_field' });
    });

    it('a missing field is required, a short one too_short, a long one too_long', async () => {
      const missing = await t.http
        .post(api('/projects'))
        .set(...bearer(owner.token))
        .send({});
      expectProblem(missing, 400, 'validation_failed', 'name', 'required');
      const short = await t.http
        .post(api('/projects'))
        .set(...bearer(owner.token))
        .send({ name: '' });
      expectProblem(short, 400, 'validation_failed', 'name', 'too_short');
      const long = await t.http
        .post(api('/projects'))
        .set(...bearer(owner.token))
        .send({ name: 'x'.repeat(201) });
      expectProblem(long, 400, 'validation_failed', 'name', 'too_long');
    });
  });
});
