import type { LookupAddress } from 'node:dns';
import { type TargetRefusal, WebhookTargetPolicy, WebhookTargetRefused } from './webhook-target.js';

/** Every way of writing a non-public address that the issue and the usual SSRF lists name. */
const REFUSED_URLS: [string, TargetRefusal][] = [
  ['http://127.0.0.1/hooks', 'address_not_allowed'],
  ['http://127.0.0.1:6379/', 'address_not_allowed'],
  ['http://127.0.0.1:5432/', 'address_not_allowed'],
  ['http://localhost/hooks', 'address_not_allowed'],
  ['http://[::1]/hooks', 'address_not_allowed'],
  ['http://0.0.0.0/hooks', 'address_not_allowed'],
  ['http://[::]/hooks', 'address_not_allowed'],
  ['http://169.254.169.254/latest/meta-data/', 'address_not_allowed'],
  ['http://[fe80::1]/', 'address_not_allowed'],
  ['http://10.0.0.1/hooks', 'address_not_allowed'],
  ['http://172.16.5.4/hooks', 'address_not_allowed'],
  ['http://192.168.1.1/hooks', 'address_not_allowed'],
  ['http://100.64.0.1/hooks', 'address_not_allowed'],
  ['http://[fd00::1]/hooks', 'address_not_allowed'],
  ['http://224.0.0.1/hooks', 'address_not_allowed'],
  ['http://255.255.255.255/hooks', 'address_not_allowed'],
  ['http://[::ffff:127.0.0.1]/hooks', 'address_not_allowed'],
  ['http://[::ffff:169.254.169.254]/hooks', 'address_not_allowed'],
  ['http://[64:ff9b::7f00:1]/hooks', 'address_not_allowed'],
  ['http://2130706433/hooks', 'address_not_allowed'],
  ['http://0177.0.0.1/hooks', 'address_not_allowed'],
  ['http://0x7f000001/hooks', 'address_not_allowed'],
  ['http://127.1/hooks', 'address_not_allowed'],
  ['https://user:pass@example.com/hooks', 'credentials_not_allowed'],
  ['https://token@example.com/hooks', 'credentials_not_allowed'],
  ['ftp://example.com/hooks', 'scheme_not_allowed'],
  ['file:///etc/passwd', 'scheme_not_allowed'],
  ['not a url', 'invalid_url'],
];

/** A resolver that answers from a table, standing in for DNS (which this machine must not use). */
function table(entries: Record<string, string[]>) {
  return async (host: string): Promise<LookupAddress[]> => {
    const found = entries[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

async function refusal(policy: WebhookTargetPolicy, url: string): Promise<TargetRefusal | 'accepted'> {
  try {
    await policy.check(url);
    return 'accepted';
  } catch (err) {
    if (err instanceof WebhookTargetRefused) return err.reason;
    throw err;
  }
}

function lookup(policy: WebhookTargetPolicy, host: string, all: boolean) {
  return new Promise<{ err: Error | null; address?: unknown }>((resolve) =>
    policy.lookup(host, { all }, ((err: Error | null, address?: unknown) =>
      resolve({ err, address })) as never),
  );
}

describe('WebhookTargetPolicy', () => {
  const dns = table({
    localhost: ['127.0.0.1', '::1'],
    'hooks.example.com': ['93.184.215.14'],
    'v6.example.com': ['2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'rebind.example.com': ['93.184.215.14', '10.0.0.7'],
    'metadata.example.com': ['169.254.169.254'],
    'hooks.internal': ['10.20.1.5'],
  });
  const strict = new WebhookTargetPolicy({ allowHttp: true, allowedHosts: [] }, dns);

  it.each(REFUSED_URLS)('refuses %s (%s)', async (url, reason) => {
    expect(await refusal(strict, url)).toBe(reason);
  });

  it('refuses http unless the operator allows it', async () => {
    const httpsOnly = new WebhookTargetPolicy({ allowHttp: false, allowedHosts: [] }, dns);
    expect(await refusal(httpsOnly, 'http://hooks.example.com/')).toBe('scheme_not_allowed');
    expect(await refusal(httpsOnly, 'https://hooks.example.com/')).toBe('accepted');
  });

  it('accepts public hosts and a name that does not resolve yet (checked again at delivery)', async () => {
    expect(await refusal(strict, 'https://hooks.example.com/a')).toBe('accepted');
    expect(await refusal(strict, 'https://v6.example.com/a')).toBe('accepted');
    expect(await refusal(strict, 'https://93.184.215.14/a')).toBe('accepted');
    expect(await refusal(strict, 'https://not-yet.example.com/a')).toBe('accepted');
  });

  it('refuses a name when any of its addresses is not public', async () => {
    expect(await refusal(strict, 'https://rebind.example.com/')).toBe('address_not_allowed');
    expect(await refusal(strict, 'https://metadata.example.com/')).toBe('address_not_allowed');
  });

  it('lets allowlisted names, addresses and CIDRs through, and nothing else', async () => {
    const allowing = new WebhookTargetPolicy(
      { allowHttp: true, allowedHosts: ['hooks.internal', '127.0.0.1', '192.168.0.0/16'] },
      dns,
    );
    expect(await refusal(allowing, 'http://hooks.internal/')).toBe('accepted');
    expect(await refusal(allowing, 'http://127.0.0.1:8080/')).toBe('accepted');
    expect(await refusal(allowing, 'http://[::ffff:127.0.0.1]/')).toBe('accepted');
    expect(await refusal(allowing, 'http://192.168.44.1/')).toBe('accepted');
    expect(await refusal(allowing, 'http://127.0.0.2/')).toBe('address_not_allowed');
    expect(await refusal(allowing, 'http://10.0.0.1/')).toBe('address_not_allowed');
    expect(await refusal(allowing, 'http://[::1]/')).toBe('address_not_allowed');
  });

  it('throws on an allowlist entry that is neither a name nor an address', () => {
    expect(() => new WebhookTargetPolicy({ allowHttp: false, allowedHosts: ['10.0.0.0/99'] })).toThrow();
  });

  describe('lookup (what the delivery socket connects to)', () => {
    it('hands over the checked public addresses, one or all', async () => {
      expect(await lookup(strict, 'hooks.example.com', true)).toEqual({
        err: null,
        address: [{ address: '93.184.215.14', family: 4 }],
      });
      expect(await lookup(strict, 'hooks.example.com', false)).toEqual({
        err: null,
        address: '93.184.215.14',
      });
    });

    it('refuses a name that now resolves to a private address (DNS rebinding)', async () => {
      for (const host of ['rebind.example.com', 'metadata.example.com', 'localhost']) {
        const { err } = await lookup(strict, host, true);
        expect(err).toBeInstanceOf(WebhookTargetRefused);
        expect((err as WebhookTargetRefused).reason).toBe('address_not_allowed');
      }
    });
  });
});
