import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testConfig } from '../utils/test-app.js';
import { freePort } from '../utils/private-services.js';
import { until } from '../utils/until.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Built {
  dir: string;
  runtime: { env: Record<string, string>; cmd: string[] };
  steps: { step: string; seconds: number }[];
}

/**
 * The image without Docker: scripts/image-steps.mjs runs the build stage of docker/Dockerfile
 * (npm install, the Nx build, npm prune) in a temporary directory, then the runtime stage's
 * command runs from what it left, with the runtime ENV: the pruned tree must migrate, serve the
 * console and the API, and stop cleanly.
 */
describe('the Docker image build steps, run as plain commands (integration)', () => {
  // The image's /app: removed afterwards whatever happened.
  const out = mkdtempSync(path.join(tmpdir(), 'admit-image-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let built: Built | undefined;

  it('install, build and prune, and the pruned tree serves', async () => {
    const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts/image-steps.mjs'), '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = res.stdout.trim().split('\n');
    if (res.status === 0) built = JSON.parse(lines.at(-1)!) as Built;
    expect({
      status: res.status,
      tail: res.status === 0 ? '' : `${res.stdout.slice(-3000)}\n${res.stderr.slice(-3000)}`,
    }).toEqual({
      status: 0,
      tail: '',
    });
    const { dir, runtime } = built!;
    expect(built!.steps.map((s) => s.step.split(' ')[0])).toEqual(expect.arrayContaining(['COPY', 'RUN']));
    expect(runtime.cmd).toEqual(['node', 'backend/dist/main.js']);

    // Dev dependencies are gone (test runners nothing in production needs), runtime ones are there.
    const installed = (name: string) => existsSync(path.join(dir, 'node_modules', name, 'package.json'));
    expect(['jest', 'vitest', '@playwright/test'].filter(installed)).toEqual([]);
    expect(['fastify', 'pg', 'bullmq'].filter(installed)).toEqual(['fastify', 'pg', 'bullmq']);

    const config = testConfig();
    const port = await freePort();
    const env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      ...runtime.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIT_ROLE: 'api',
      DATABASE_URL: config.db.url,
      REDIS_URL: config.redis.url,
      QUEUE_PREFIX: config.queue.prefix,
      ADMIT_SECRET: 'image-steps-test-secret-0123456789',
      LOG_LEVEL: 'warn',
    };
    const migrate = spawnSync(process.execPath, ['backend/dist/cli.js', 'migrate'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect({ status: migrate.status, stderr: migrate.status ? migrate.stderr : '' }).toEqual({
      status: 0,
      stderr: '',
    });

    // `node` of the CMD is the image's Node 24: this process's.
    const app = spawn(process.execPath, runtime.cmd.slice(1), {
      cwd: dir,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      await until(
        'the image app ready',
        () =>
          fetch(`${base}/health/ready`).then(
            (r) => r.ok,
            () => false,
          ),
        120_000,
      );
      const index = await fetch(`${base}/`);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<div id="app"');
      const docs = await fetch(`${base}/docs-json`);
      expect(docs.status).toBe(200);
      expect(((await docs.json()) as { info: { title: string } }).info.title).toBe('Admit API');
    } finally {
      app.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 600_000);
});
