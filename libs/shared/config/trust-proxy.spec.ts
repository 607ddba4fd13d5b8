import { parseTrustProxy } from './trust-proxy';

describe('parseTrustProxy', () => {
  it('takes nothing, a hop count, or addresses and subnets', () => {
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.7,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses "trust every proxy" and anything that is no address', () => {
    for (const bad of [
      'true',
      '11',
      '10.0.0.0/33',
      'fd00::/129',
      'proxy.example',
      '10.0.0.1/8/2',
      '*',
    ]) {
      expect({ bad, result: parseTrustProxy(bad) }).toEqual({
        bad,
        result: { error: expect.any(String) },
      });
    }
  });
});
