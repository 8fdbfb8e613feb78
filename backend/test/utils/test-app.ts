import { MikroORM } from '@mikro-orm/postgresql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.factory.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  orm: MikroORM;
  config: AppConfig;
  close(): Promise<void>;
}

/** Refuses to touch a database whose name does not end in `_test`. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!name.endsWith('_test'))
    throw new Error(`Refusing to run tests against database "${name}": its name must end in _test`);
}

export function testConfig(overrides: Partial<NodeJS.ProcessEnv> = {}): AppConfig {
  const config = loadConfig({ ...process.env, ...overrides });
  assertTestDatabase(config.db.url);
  return config;
}

/** The whole app on real PostgreSQL and Redis, migrated, listening on an ephemeral loopback port. */
export async function bootTestApp(
  overrides: Partial<NodeJS.ProcessEnv> = {},
  options: Parameters<typeof createApp>[1] = {},
): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await createApp(config, options);
  const orm = app.get<MikroORM>(MikroORM);
  await orm.migrator.up();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const http = supertest(app.getHttpServer());
  return { app, http, orm, config, close: () => app.close() };
}
