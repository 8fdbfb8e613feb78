import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3999);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // The real backend, on a fresh database, serving the console built from this checkout.
    command:
      'npm run build -w @admit/admin-ui --silent && node backend/dist/cli.js migrate && node backend/dist/cli.js seed && node backend/dist/main.js',
    cwd: '..',
    url: `${baseURL}/health/live`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // Playwright hands the server this process's environment too, so DATABASE_URL, REDIS_URL,
    // QUEUE_PREFIX and SMTP_URL from the caller (npm test) reach the backend as they are.
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      ADMIN_EMAIL: 'admin@admit.local',
      ADMIN_PASSWORD: 'admit-console-dev',
    },
  },
});
