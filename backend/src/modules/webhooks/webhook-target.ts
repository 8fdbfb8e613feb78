import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent: the one place that decides it, at creation and again at every
 * delivery (DNS can change between the two).
 *
 * - `https:` only; `http:` too when the operator sets `WEBHOOK_ALLOW_HTTP`.
 * - No `user:pass@` in the URL (the signature authenticates us; credentials would end up in logs).
 * - Every address the host resolves to must be public unicast: loopback, private (RFC 1918),
 *   unique-local, link-local (cloud metadata at 169.254.169.254), multicast, broadcast,
 *   unspecified (0.0.0.0, ::), CGNAT (100.64/10), reserved, documentation/benchmarking ranges,
 *   6to4/Teredo/NAT64 and the like are refused; an IPv4-mapped IPv6 address is judged as the
 *   IPv4 address it carries. A name that resolves to any refused address is refused whole.
 * - `WEBHOOK_ALLOWED_HOSTS` lets operators reach internal receivers: a host name (exact,
 *   case-insensitive) admits whatever that name resolves to; an address or CIDR admits those
 *   addresses under any name.
 *
 * The delivery connects through `lookup()` below, so the socket goes to an address this policy
 * has just checked: there is no second resolution between the check and the connection.
 */
export type TargetRefusal =
  'invalid_url' | 'scheme_not_allowed' | 'credentials_not_allowed' | 'address_not_allowed';

export class WebhookTargetRefused extends Error {
  constructor(
    readonly reason: TargetRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookTargetRefused';
  }
}

export interface WebhookTargetOptions {
  allowHttp: boolean;
  /** Host names, IP addresses and CIDRs (`10.1.0.0/16`, `fd00::/8`). */
  allowedHosts: string[];
}

/** How long creating an endpoint waits for DNS before leaving the check to the delivery. */
const CHECK_RESOLVE_TIMEOUT_MS = 2000;

/** Resolves a host name to all of its addresses (the system resolver by default). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Brackets off (`[::1]` → `::1`), lower case, no trailing dot. */
function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

function normalise(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** Parses the operator allowlist; throws on an entry that looks like an address but is not one. */
export function parseAllowedHosts(entries: string[]): { names: Set<string>; ranges: Range[] } {
  const names = new Set<string>();
  const ranges: Range[] = [];
  for (const raw of entries) {
    const entry = bareHost(raw.trim());
    if (!entry) continue;
    if (entry.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(entry);
      const mapped = normalise(address) !== address; // ::ffff:10.0.0.0/104 is 10.0.0.0/8
      ranges.push([normalise(address), mapped ? bits - 96 : bits]);
    } else if (isIP(entry)) {
      const address = normalise(ipaddr.parse(entry));
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else {
      names.add(entry);
    }
  }
  return { names, ranges };
}

export class WebhookTargetPolicy {
  private readonly names: Set<string>;
  private readonly ranges: Range[];

  constructor(
    private readonly options: WebhookTargetOptions,
    private readonly resolver: Resolver = systemResolver,
  ) {
    ({ names: this.names, ranges: this.ranges } = parseAllowedHosts(options.allowedHosts));
  }

  /** True when a connection to `ip` (reached through `hostname`) is allowed. */
  allowsAddress(ip: string, hostname: string): boolean {
    if (this.names.has(bareHost(hostname))) return true;
    if (!ipaddr.isValid(ip)) return false;
    const address = normalise(ipaddr.parse(ip));
    if (this.ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits)))
      return true;
    return address.range() === 'unicast';
  }

  /** The checks that need no resolution: scheme, credentials, an address written in the URL. */
  parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookTargetRefused('invalid_url', 'url must be an absolute https URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowHttp))
      throw new WebhookTargetRefused(
        'scheme_not_allowed',
        this.options.allowHttp ? 'url must use https or http' : 'url must use https',
      );
    if (url.username || url.password)
      throw new WebhookTargetRefused(
        'credentials_not_allowed',
        'url must not contain a user name or password',
      );
    const host = bareHost(url.hostname);
    if (!host) throw new WebhookTargetRefused('invalid_url', 'url has no host');
    if (isIP(host) && !this.allowsAddress(host, host)) throw refusedAddress();
    return url;
  }

  /**
   * The full check at creation: `parse`, then the host's addresses. A name that does not resolve
   * (yet, or within 2 s) is accepted; every delivery resolves it again through `lookup` and
   * refuses it then.
   */
  async check(raw: string): Promise<URL> {
    const url = this.parse(raw);
    const host = bareHost(url.hostname);
    if (isIP(host) || this.names.has(host)) return url;
    let addresses: LookupAddress[];
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = await Promise.race([
        this.resolver(host),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('DNS timeout')), CHECK_RESOLVE_TIMEOUT_MS);
        }),
      ]);
    } catch {
      return url;
    } finally {
      clearTimeout(timer);
    }
    if (addresses.some((a) => !this.allowsAddress(a.address, host))) throw refusedAddress();
    return url;
  }

  /**
   * A `lookup` for `http.request`/`net.connect`: resolves the name, refuses the connection unless
   * every address is allowed, and hands the socket exactly the addresses it checked.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    const done = callback as (err: Error | null, address?: string | LookupAddress[], family?: number) => void;
    this.resolver(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = family ? found.filter((a) => a.family === family) : found;
        if (!addresses.length || found.some((a) => !this.allowsAddress(a.address, hostname)))
          return done(refusedAddress());
        if (options.all) return done(null, addresses);
        done(null, addresses[0].address, addresses[0].family);
      },
      (err: Error) => done(err),
    );
  };
}

function refusedAddress(): WebhookTargetRefused {
  return new WebhookTargetRefused(
    'address_not_allowed',
    'url must point to a public address (not loopback, private, link-local or reserved)',
  );
}
