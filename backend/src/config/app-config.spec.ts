import { ConfigError, DEV_ADMIN_EMAIL, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('fills development defaults, including the printed first-owner credentials', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.role).toBe('all');
    expect(config.seed.adminEmail).toBe(DEV_ADMIN_EMAIL);
  });

  it('gives no default owner in production', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', ADMIT_SECRET: 'a-long-production-secret' }).seed.adminPassword,
    ).toBeUndefined();
  });

  it('refuses to start in production without a signing secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ADMIT_SECRET/);
  });

  it('lists every bad variable in one error at boot', () => {
    expect(() => loadConfig({ PORT: 'eighty', ADMIT_ROLE: 'cron', DATABASE_URL: 'mysql://x' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', ADMIT_ROLE: 'cron' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/ADMIT_ROLE/);
    }
  });

  it('believes X-Forwarded-For only when told which proxies to trust', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).http.trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.1',
    ]);
  });
});
