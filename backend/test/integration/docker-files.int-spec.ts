import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { EnvVars, loadConfig } from '../../src/config/app-config.js';
import { bootTestApp } from '../utils/test-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const COMPOSE = path.join(ROOT, 'docker/docker-compose.yml');

interface Service {
  command?: string[];
  expose?: string[];
  stop_grace_period?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

/** `${POSTGRES_PASSWORD:-admit}` → `admit`: what compose substitutes with nothing set. */
function withDefaults(value: string): string {
  return value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');
}

describe('the Docker files, without Docker (integration)', () => {
  const compose = parse(readFileSync(COMPOSE, 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const app = ['api', 'worker'].map((name) => [name, compose.services[name]!] as const);

  it('gives the app services only variables the app reads, and values it accepts', () => {
    const known = new Set(Object.keys(new EnvVars()).concat('METRICS_TOKEN', 'PUBLIC_URL', 'ADMIT_SECRET'));
    for (const [name, service] of app) {
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, withDefaults(String(v))]),
      );
      expect({ name, unknown: Object.keys(env).filter((k) => !known.has(k)) }).toEqual({ name, unknown: [] });
      // The config check the process runs at boot (production needs ADMIT_SECRET from the operator).
      const config = loadConfig({ ...env, ADMIT_SECRET: 'set-by-the-operator-0123456789' });
      expect(config.role).toBe(name);
      expect(config.db.url).toMatch(/@postgres:5432\/admit$/);
      expect(config.redis.url).toBe('redis://redis:6379');
      expect(config.mail.smtpUrl).toBe('smtp://mail:1025');
    }
  });

  it('runs commands that exist in the build (migrate, then the server)', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile).toContain('CMD ["node", "backend/dist/main.js"]');
    const api = compose.services.api!.command!.join(' ');
    expect(api).toContain('node backend/dist/cli.js migrate');
    expect(api).toContain('exec node backend/dist/main.js');
    for (const file of ['backend/dist/main.js', 'backend/dist/cli.js'])
      expect({ file, built: existsSync(path.join(ROOT, file)) }).toEqual({ file, built: true });
    const cli = readFileSync(path.join(ROOT, 'backend/src/cli.ts'), 'utf8');
    expect(cli).toMatch(/\bmigrate\b/);
    // The worker waits for a migrated schema: it starts once the API is healthy.
    expect(compose.services.worker!.depends_on?.api?.condition).toBe('service_healthy');
  });

  it("wires the worker's metrics: the token reaches every app service and the worker's port is exposed", () => {
    for (const [name, service] of app)
      expect({ name, token: service.environment?.METRICS_TOKEN }).toEqual({
        name,
        token: '${METRICS_TOKEN:-}',
      });
    const worker = compose.services.worker!;
    const env = Object.fromEntries(
      Object.entries(worker.environment ?? {}).map(([k, v]) => [k, withDefaults(String(v))]),
    );
    const config = loadConfig({
      ...env,
      METRICS_TOKEN: 'a-scraper-token-0123456789',
      ADMIT_SECRET: 'x'.repeat(20),
    });
    // main.ts serves a worker's /metrics on config.http.port when the token is set.
    expect(worker.expose).toContain(String(config.http.port));
  });

  it('gives the app services time to drain on stop (longer than a chunk for the worker)', () => {
    const seconds = (value: string | undefined) => Number(/^(\d+)s$/.exec(value ?? '')?.[1] ?? 0);
    // Docker's default is 10 s before SIGKILL.
    expect(seconds(compose.services.api!.stop_grace_period)).toBeGreaterThanOrEqual(30);
    expect(seconds(compose.services.worker!.stop_grace_period)).toBeGreaterThanOrEqual(60);
  });

  it('health-checks the API on the port and path the app serves', async () => {
    const check = compose.services.api!.healthcheck!.test.join(' ');
    const url = /http:\/\/127\.0\.0\.1:(\d+)(\/[\w/]+)/.exec(check)!;
    expect(Number(url[1])).toBe(loadConfig({}).http.port);
    const t = await bootTestApp();
    try {
      await t.http.get(url[2]!).expect(200);
    } finally {
      await t.close();
    }
  });
});
