import { parseConfig } from './config.schema';

const valid = { DATABASE_URL: 'postgres://a@b/c', REDIS_URL: 'redis://localhost:6379' };

describe('parseConfig', () => {
  it('fills defaults', () => {
    const config = parseConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.SESSION_IDLE_MINUTES).toBe(30);
    expect(config.TRUST_PROXY).toBe(false);
    expect(config.API_DOCS).toBe(true);
    expect(config.QUEUE_DASHBOARD).toBe(true);
  });

  it('turns /docs and the queue dashboard off in production unless enabled', () => {
    const production = parseConfig({ ...valid, NODE_ENV: 'production' });
    expect([production.API_DOCS, production.QUEUE_DASHBOARD]).toEqual([false, false]);
    const enabled = parseConfig({ ...valid, NODE_ENV: 'production', API_DOCS: 'true' });
    expect([enabled.API_DOCS, enabled.QUEUE_DASHBOARD]).toEqual([true, false]);
    expect(() => parseConfig({ ...valid, QUEUE_DASHBOARD: 'yes' })).toThrow(/QUEUE_DASHBOARD/);
  });

  it('takes TRUST_PROXY as hops or subnets and refuses "true"', () => {
    expect(parseConfig({ ...valid, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ ...valid, TRUST_PROXY: '10.0.0.0/8' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
    ]);
    expect(() => parseConfig({ ...valid, TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: must not be "true"/,
    );
  });

  it('names a missing variable', () => {
    expect(() => parseConfig({ REDIS_URL: valid.REDIS_URL })).toThrow(/DATABASE_URL: is required/);
  });

  it('names a malformed variable', () => {
    expect(() => parseConfig({ ...valid, PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseConfig({ ...valid, REDIS_URL: 'http://x' })).toThrow(
      /REDIS_URL: must be a redis/,
    );
  });
});
