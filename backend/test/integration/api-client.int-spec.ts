import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../../src/app.factory.js';
import { bootTestApp, type TestApp } from '../utils/test-app.js';

const LIB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../libs/api-client');

describe('the console API client (integration)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('is generated from the OpenAPI document the backend emits now', async () => {
    const emitted = JSON.parse(JSON.stringify(buildOpenApiDocument(t.app)));
    const committed = JSON.parse(readFileSync(path.join(LIB, 'openapi.json'), 'utf8'));
    // If this fails: `npm run generate -w @admit/api-client` and commit both files.
    expect(committed).toEqual(emitted);
    const { renderSchema } = await import(path.join(LIB, 'generate.mjs'));
    expect(readFileSync(path.join(LIB, 'src/schema.ts'), 'utf8')).toBe(await renderSchema(committed));
  });
});
