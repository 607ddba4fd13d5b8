import { isIP } from 'node:net';

/** Names Express (proxy-addr) knows for the private ranges. */
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Express's `trust proxy` wants it: `false` (no proxy), a hop count, or the
 * addresses/subnets of the proxies. "true" (believe every X-Forwarded-For) is refused: any
 * client could then choose its own IP and escape the login throttle.
 * Returns the value, or a message saying what is wrong.
 */
export function parseTrustProxy(raw: string): false | number | string[] | { error: string } {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true')
    return {
      error:
        'must not be "true" (any client could set its own IP); give the number of proxies in front (e.g. 1) or their addresses/subnets (e.g. 10.0.0.0/8,::1)',
    };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? hops : { error: 'a hop count must be between 0 and 10' };
  }
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (NAMED.has(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (!family || !prefixOk || rest.length)
      return {
        error: `"${entry}" is neither a hop count, an IP address, a subnet (address/bits) nor loopback/linklocal/uniquelocal`,
      };
  }
  return entries;
}
