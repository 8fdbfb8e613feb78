import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Project, ProjectList } from './api-types';
import { fakeFetch, problem } from '@/test/fake-fetch';
import { ApiError, createApi, type PathParams, type ResponseOf } from './api-client';

const baseUrl = 'http://admit.test';

describe('createApi', () => {
  it('sends the bearer token and fills path placeholders', async () => {
    const fake = fakeFetch({ 'GET /api/v1/projects/p%201/members': { body: { items: [] } } });
    const api = createApi({ baseUrl, fetch: fake.fetch, token: () => 'tok' });

    await expect(
      api.request('GET', '/api/v1/projects/{projectId}/members', { path: { projectId: 'p 1' } }),
    ).resolves.toEqual({ items: [] });
    expect(fake.calls[0]?.headers.get('authorization')).toBe('Bearer tok');
  });

  it('turns a problem+json answer into an ApiError with field errors by top-level field', async () => {
    const fake = fakeFetch({
      'POST /api/v1/projects': problem(400, 'validation_failed', 'Invalid request', [
        { field: 'settings.bulkThreshold', code: 'too_small', message: 'must be at least 1' },
        { field: 'settings.maxBatchSize', code: 'too_large', message: 'must be at most 1000000' },
        { field: 'name', code: 'required', message: 'name should not be empty' },
      ]),
    });
    const api = createApi({ baseUrl, fetch: fake.fetch });

    const error = await api
      .request('POST', '/api/v1/projects', { body: { name: '' } })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.problem.requestId).toBe('req-test');
    expect(apiError.fieldErrors).toEqual({
      settings: 'Use 1 or more. This is above the largest batch this server allows.',
      name: 'Enter a name.',
    });
    expect(apiError.fieldErrorsByPath['settings.maxBatchSize']).toBe(
      'This is above the largest batch this server allows.',
    );
  });

  it('reports an answer that is not problem+json by its status', async () => {
    const fake = fakeFetch({ 'GET /api/v1/projects': { status: 502, body: undefined } });
    const api = createApi({ baseUrl, fetch: fake.fetch });

    const error = (await api.request('GET', '/api/v1/projects').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.code).toBe('internal_error');
  });

  it('reports an unreachable server as network_error', async () => {
    const api = createApi({ baseUrl, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });

    const error = (await api.request('GET', '/api/v1/projects').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
  });

  it('calls onUnauthorized on a 401, but not for a failed login', async () => {
    const onUnauthorized = vi.fn();
    const fake = fakeFetch({
      'GET /api/v1/projects': problem(401, 'unauthorized', 'Log in first.'),
      'POST /api/v1/auth/login': problem(401, 'invalid_credentials', 'Wrong email or password.'),
    });
    const api = createApi({ baseUrl, fetch: fake.fetch, onUnauthorized });

    await api
      .request('POST', '/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } })
      .catch(() => {});
    expect(onUnauthorized).not.toHaveBeenCalled();
    await api.request('GET', '/api/v1/projects').catch(() => {});
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('answers undefined for 204 No Content', async () => {
    const fake = fakeFetch({ 'DELETE /api/v1/projects/p/api-keys/k': { status: 204 } });
    const api = createApi({ baseUrl, fetch: fake.fetch });

    await expect(
      api.request('DELETE', '/api/v1/projects/{projectId}/api-keys/{keyId}', {
        path: { projectId: 'p', keyId: 'k' },
      }),
    ).resolves.toBeUndefined();
  });

  it('is typed by the generated OpenAPI document (checked by vue-tsc)', async () => {
    expectTypeOf<ResponseOf<'/api/v1/projects', 'GET'>>().toEqualTypeOf<ProjectList>();
    expectTypeOf<ResponseOf<'/api/v1/projects/{projectId}', 'GET'>>().toEqualTypeOf<Project>();
    expectTypeOf<
      ResponseOf<'/api/v1/projects/{projectId}/api-keys/{keyId}', 'DELETE'>
    >().toEqualTypeOf<undefined>();
    expectTypeOf<PathParams<'/api/v1/projects/{projectId}/members/{userId}'>>().toEqualTypeOf<
      { projectId: string } & { userId: string }
    >();

    const api = createApi({ baseUrl, fetch: fakeFetch().fetch });
    const misuse = [
      // @ts-expect-error: no such path in the document
      api.request('GET', '/api/v1/projectz'),
      // @ts-expect-error: the path has no DELETE
      api.request('DELETE', '/api/v1/projects'),
      // @ts-expect-error: {projectId} needs a value
      api.request('GET', '/api/v1/projects/{projectId}'),
      // @ts-expect-error: the body must be a CreateProjectDto
      api.request('POST', '/api/v1/projects', { body: { title: 'x' } }),
    ];
    await Promise.allSettled(misuse);
  });
});
